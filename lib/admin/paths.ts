import type { Locale } from "@/lib/i18n/routing";

// The locale of an admin URL (anything unknown counts as Danish; the locale layout 404s it anyway)
export function adminLocale(raw: string): Locale {
  return raw === "sv" ? "sv" : "da";
}

// Admin URLs are the same in both languages: /<locale>/admin/...
export function adminPath(locale: string, path = ""): string {
  return `/${adminLocale(locale)}/admin${path ? `/${path.replace(/^\//, "")}` : ""}`;
}
