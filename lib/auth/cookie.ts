import "server-only";

// In production the cookie is Secure with the __Host- prefix (no Domain, Path=/, HTTPS only). Browsers treat
// http://localhost as secure, so the same holds for a production build tried locally.
const production = process.env.NODE_ENV === "production";

export const sessionCookieName = production ? "__Host-kb_admin" : "kb_admin";

export function sessionCookieOptions(expires: Date) {
  return { httpOnly: true, secure: production, sameSite: "strict" as const, path: "/", expires };
}
