import type { AnchorHTMLAttributes } from "react";
import { getLocale } from "next-intl/server";
import { getPathname } from "@/lib/i18n/navigation";
import type { Href } from "@/lib/i18n/alternates";
import { isLocale, routing, type Locale } from "@/lib/i18n/routing";

type Props = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & { href: Href; locale?: Locale };

// A plain link to a page by its internal path, localized on the server. Pages are cached HTML, so a full page
// load is fast, and no client router or message formatter has to ship to the browser for it.
export async function Link({ href, locale, ...rest }: Props) {
  const current = await getLocale();
  const target = locale ?? (isLocale(current) ? current : routing.defaultLocale);
  return <a href={getPathname({ locale: target, href })} {...rest} />;
}
