import { siteUrl } from "@/lib/seo/urls";
import { securityTxt } from "@/lib/security-txt";

// The deployer's settings are read when served, not frozen at build time.
export const dynamic = "force-dynamic";

// How to report a vulnerability (RFC 9116), from SECURITY_CONTACT and its neighbours; not found while no contact is set
export function GET() {
  const text = securityTxt(process.env, siteUrl(), new Date());
  if (text === null) return new Response("Not found\n", { status: 404, headers: { "Content-Type": "text/plain" } });
  return new Response(text, {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=86400" },
  });
}
