import "server-only";
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/routing";
import { itemTypes } from "@/lib/content/schema";
import type { SearchSuggestText } from "./search-suggest";

// Every word the search field's suggestions show, for the client component
export async function searchSuggestText(locale: Locale): Promise<SearchSuggestText> {
  const t = await getTranslations({ locale, namespace: "Search" });
  const types = await getTranslations({ locale, namespace: "ItemTypes" });
  const languages = await getTranslations({ locale, namespace: "Languages" });
  return {
    none: t("suggestNone"),
    one: t("suggestOne"),
    many: t.raw("suggestMany") as string,
    groups: { items: t("suggestItems"), terms: t("suggestTerms"), topics: t("suggestTopics") },
    types: Object.fromEntries(itemTypes.map((type) => [type, types(type)])),
    languages: {
      da: languages("writtenIn", { language: languages("da") }),
      sv: languages("writtenIn", { language: languages("sv") }),
    },
  };
}
