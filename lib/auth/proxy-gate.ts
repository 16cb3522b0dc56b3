import { NextResponse, type NextRequest } from "next/server";

const adminArea = /^\/(da|sv)\/admin(?:\/|$)/i;
const loginPage = /^\/(da|sv)\/admin\/login\/?$/i;
const cookieNames = ["__Host-kb_admin", "kb_admin"];

function decoded(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

// Send a visitor without a session cookie from an admin page to the login page. A convenience: the cookie
// is not checked here, and the pages, actions and route handlers refuse anonymous callers themselves.
export function adminGate(request: NextRequest): NextResponse | null {
  const path = decoded(request.nextUrl.pathname);
  if (!adminArea.test(path) || loginPage.test(path)) return null;
  if (cookieNames.some((name) => request.cookies.has(name))) return null;
  if (request.method !== "GET" && request.method !== "HEAD") return null;
  const locale = path.slice(1, 3).toLowerCase() === "sv" ? "sv" : "da";
  const response = NextResponse.redirect(new URL(`/${locale}/admin/login`, request.url), 307);
  response.headers.set("Cache-Control", "no-store");
  return response;
}
