// Security headers. Why each CSP allowance is there: docs/security.md, "Security headers".
type Header = { key: string; value: string };

const production = () => process.env.NODE_ENV === "production";

function policy(script: string, isProduction: boolean): string {
  return [
    "default-src 'self'",
    script,
    // React and Next set style attributes (e.g. the route announcer).
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self'",
    "font-src 'self'",
    // Development's hot reload talks over a WebSocket.
    `connect-src 'self'${isProduction ? "" : " ws: wss:"}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "manifest-src 'self'",
    "worker-src 'self'",
  ].join("; ");
}

// The CSP of public pages. Next writes its bootstrap and page data as inline scripts, and public pages are cached and
// shared by every reader, so no per-request nonce can be used; development also needs eval for fast refresh.
export function publicCsp(isProduction = production()): string {
  return policy(`script-src 'self' 'unsafe-inline'${isProduction ? "" : " 'unsafe-eval'"}`, isProduction);
}

// The CSP of admin pages, rendered per request: only scripts carrying this request's nonce, and what they load
export function adminCsp(nonce: string, isProduction = production()): string {
  return policy(`script-src 'nonce-${nonce}' 'strict-dynamic'${isProduction ? "" : " 'unsafe-eval'"}`, isProduction);
}

// Headers for every response but the CSP
export function commonSecurityHeaders(isProduction = production()): Header[] {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    {
      key: "Permissions-Policy",
      value:
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), browsing-topics=()",
    },
    ...(isProduction ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
  ];
}
