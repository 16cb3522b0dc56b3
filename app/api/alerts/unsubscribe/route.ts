// /api/alerts/unsubscribe?locale=da&token=…: the address in every alert mail's List-Unsubscribe header. A POST ends
// the alert at once, without login or form token (RFC 8058 one-click: the mail program posts
// "List-Unsubscribe=One-Click"; the page's button posts here too and is sent on to the page saying it is done). A GET
// only opens the page with the button, since mail scanners follow links.
import { unsubscribeAlert } from "@/lib/data/alerts";
import { readUnsubscribeToken } from "@/lib/alerts/tokens";
import { getPathname } from "@/lib/i18n/navigation";
import { isLocale, type Locale } from "@/lib/i18n/routing";

const noStore = { "Cache-Control": "no-store" };

function read(request: Request): { locale: Locale; token: string; alertId: string | null } {
  const url = new URL(request.url);
  const raw = url.searchParams.get("locale") ?? "";
  const token = (url.searchParams.get("token") ?? "").slice(0, 200);
  return { locale: isLocale(raw) ? raw : "da", token, alertId: readUnsubscribeToken(token) };
}

function pageUrl(request: Request, locale: Locale, query: string): URL {
  return new URL(`${getPathname({ locale, href: "/alerts/unsubscribe" })}?${query}`, request.url);
}

export async function GET(request: Request): Promise<Response> {
  const { locale, token } = read(request);
  return redirectTo(request, locale, `token=${encodeURIComponent(token)}`);
}

export async function POST(request: Request): Promise<Response> {
  const { locale, alertId } = read(request);
  const body = (await request.text().catch(() => "")).slice(0, 1000);
  const oneClick = new URLSearchParams(body).get("List-Unsubscribe") === "One-Click";
  if (!alertId) {
    if (oneClick) return new Response("Unknown or damaged link\n", { status: 400, headers: noStore });
    return redirectTo(request, locale, "invalid=1");
  }
  await unsubscribeAlert(alertId);
  if (oneClick)
    return new Response("Unsubscribed\n", { status: 200, headers: { ...noStore, "Content-Type": "text/plain" } });
  return redirectTo(request, locale, "done=1");
}

function redirectTo(request: Request, locale: Locale, query: string): Response {
  const url = pageUrl(request, locale, query);
  return new Response(null, { status: 303, headers: { ...noStore, Location: `${url.pathname}${url.search}` } });
}
