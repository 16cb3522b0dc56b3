import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { Locale } from "@/lib/i18n/routing";
import { PlainLanguagePanel } from "./plain-language-panel";

// The plain-language panel with its own words: only the Admin.plainLanguage messages go to the browser
export async function PlainLanguage({
  uiLocale,
  itemLocale,
  text,
}: {
  uiLocale: Locale;
  itemLocale: string;
  text: string;
}) {
  const messages = (await getMessages({ locale: uiLocale })) as { Admin: { plainLanguage: Record<string, unknown> } };
  return (
    <NextIntlClientProvider
      locale={uiLocale}
      timeZone="Europe/Copenhagen"
      messages={{ Admin: { plainLanguage: messages.Admin.plainLanguage } } as never}
    >
      <PlainLanguagePanel
        sourceId="item-body"
        localeSourceId="item-locale"
        initialText={text}
        initialLocale={itemLocale === "sv" ? "sv" : "da"}
      />
    </NextIntlClientProvider>
  );
}
