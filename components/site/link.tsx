import type { ComponentProps } from "react";
import NextLink from "next/link";
import { getLocale } from "next-intl/server";
import { getPathname } from "@/lib/i18n/navigation";
import type { Href } from "@/lib/i18n/alternates";
import { isLocale, routing, type Locale } from "@/lib/i18n/routing";

type Props = Omit<ComponentProps<typeof NextLink>, "href" | "locale"> & { href: Href; locale?: Locale };

// A link to a page by its internal path, localized on the server: next-intl's own Link needs its client
// provider, which would ship the message formatter to every browser.
export async function Link({ href, locale, prefetch = false, ...rest }: Props) {
  const current = await getLocale();
  const target = locale ?? (isLocale(current) ? current : routing.defaultLocale);
  return <NextLink href={getPathname({ locale: target, href })} prefetch={prefetch} {...rest} />;
}
