import "server-only";
import { notFound } from "next/navigation";
import { isLocale } from "./routing";

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

// A page's locale and slug as its path gave them, or the 404 page: the layout checks the locale too, but a page
// renders alongside it and must not query the database with a value no locale or slug can have (say a NUL byte)
export function checkPageParams(params: { locale: string; slug?: string }): void {
  if (!isLocale(params.locale)) notFound();
  if (params.slug !== undefined && (params.slug.length > 200 || !slugPattern.test(params.slug))) notFound();
}
