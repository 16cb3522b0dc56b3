import "server-only";
import { createTranslator } from "use-intl/core";
import da from "@/messages/da.json";
import sv from "@/messages/sv.json";
import type { Locale } from "@/lib/i18n/routing";

const catalogues = { da, sv } as const;

// The mail that tells an adviser's old address that questions now go to a new one, in the adviser's language
export function composeAddressChangeMail(args: { name: string; languages: Locale[]; from: string; to: string }): {
  subject: string;
  text: string;
} {
  const locale: Locale = args.languages[0] ?? "da";
  const t = createTranslator({ locale, messages: catalogues[locale], namespace: "Admin.adviserMail" });
  const site = catalogues[locale].Metadata.siteName;
  return {
    subject: t("subject", { site }),
    text: t("body", { name: args.name, site, old: args.from, new: args.to }),
  };
}
