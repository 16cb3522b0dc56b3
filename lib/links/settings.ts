import { setting } from "@/lib/env";

export type LinkCheckSettings = {
  enabled: boolean;
  intervalMs: number;
  recheckMs: number;
  retryMs: number;
  brokenAfter: number;
  connectTimeoutMs: number;
  timeoutMs: number;
  maxRedirects: number;
  concurrency: number;
  hostConcurrency: number;
  maxBodyBytes: number;
  runLimit: number;
  history: number;
  allowPrivate: boolean;
  /** How long a run holds the lease without renewing it: long enough for the slowest check. */
  leaseMs: number;
  userAgent: string;
};

type Environment = Record<string, string | undefined>;

// The link checker's settings from the environment (docs/settings.md); a wrong value throws naming it
export function linkCheckSettings(environment: Environment = process.env): LinkCheckSettings {
  const get = <K extends Parameters<typeof setting>[0]>(name: K) => setting(name, environment);
  const timeoutMs = get("LINK_TIMEOUT_SECONDS") * 1000;
  const site = get("SITE_URL");
  return {
    enabled: get("LINK_CHECK_ENABLED"),
    intervalMs: get("LINK_CHECK_INTERVAL_MINUTES") * 60_000,
    recheckMs: get("LINK_RECHECK_HOURS") * 3_600_000,
    retryMs: get("LINK_RETRY_MINUTES") * 60_000,
    brokenAfter: get("LINK_BROKEN_AFTER"),
    connectTimeoutMs: Math.min(get("LINK_CONNECT_TIMEOUT_SECONDS") * 1000, timeoutMs),
    timeoutMs,
    maxRedirects: get("LINK_MAX_REDIRECTS"),
    concurrency: get("LINK_CONCURRENCY"),
    hostConcurrency: get("LINK_HOST_CONCURRENCY"),
    maxBodyBytes: get("LINK_MAX_BODY_KB") * 1024,
    runLimit: get("LINK_RUN_LIMIT"),
    history: get("LINK_HISTORY"),
    allowPrivate: get("LINK_ALLOW_PRIVATE"),
    // A check is a HEAD and perhaps a GET, each within the timeout; the lease is renewed after every check.
    leaseMs: timeoutMs * 4 + 60_000,
    userAgent: `SocialoekonomiLinkChecker/1.0 (+${site ?? "http://localhost"}; link check of the knowledge base)`,
  };
}
