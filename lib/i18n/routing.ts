import { defineRouting } from "next-intl/routing";

export const routing = defineRouting({
  locales: ["da", "sv"],
  defaultLocale: "da",
  localePrefix: "always",
  // No cookie: pages stay shareable by a proxy cache, and the site sets no cookies at all.
  localeCookie: false,
  // No automatic Link headers: they would pair every page with the same path in the other locale, but hreflang
  // belongs only between true translations, which the page metadata states.
  alternateLinks: false,
  pathnames: {
    "/": "/",
    "/articles": { da: "/artikler", sv: "/artiklar" },
    "/articles/[slug]": { da: "/artikler/[slug]", sv: "/artiklar/[slug]" },
    "/cases": { da: "/cases", sv: "/fall" },
    "/cases/[slug]": { da: "/cases/[slug]", sv: "/fall/[slug]" },
    "/publications": { da: "/publikationer", sv: "/publikationer" },
    "/publications/[slug]": { da: "/publikationer/[slug]", sv: "/publikationer/[slug]" },
    "/projects": { da: "/projekter", sv: "/projekt" },
    "/projects/[slug]": { da: "/projekter/[slug]", sv: "/projekt/[slug]" },
    "/references": { da: "/dokumenter", sv: "/dokument" },
    "/references/[slug]": { da: "/dokumenter/[slug]", sv: "/dokument/[slug]" },
    "/topics": { da: "/emner", sv: "/amnen" },
    "/topics/[slug]": { da: "/emner/[slug]", sv: "/amnen/[slug]" },
    "/advisers": { da: "/raadgivere", sv: "/radgivare" },
    "/glossary": { da: "/ordliste", sv: "/ordlista" },
    "/search": { da: "/soeg", sv: "/sok" },
    "/contact": { da: "/kontakt", sv: "/kontakt" },
    "/contact/receipt": { da: "/kontakt/kvittering", sv: "/kontakt/kvitto" },
    "/accessibility": { da: "/tilgaengelighed", sv: "/tillganglighet" },
    "/privacy": { da: "/privatliv", sv: "/integritet" },
    "/open-data": { da: "/aabne-data", sv: "/oppna-data" },
    "/alerts/confirm": { da: "/besked-om-nyt/bekraeft", sv: "/bevakning/bekrafta" },
    "/alerts/manage": { da: "/besked-om-nyt/dine-beskeder", sv: "/bevakning/dina-bevakningar" },
    "/alerts/unsubscribe": { da: "/besked-om-nyt/afmeld", sv: "/bevakning/avsluta" },
  },
});

export type Locale = (typeof routing.locales)[number];
export type Pathname = keyof typeof routing.pathnames;

export function isLocale(value: string): value is Locale {
  return (routing.locales as readonly string[]).includes(value);
}

export function otherLocale(locale: Locale): Locale {
  return locale === "da" ? "sv" : "da";
}
