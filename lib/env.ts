// Every setting the server reads from its environment (docs/settings.md), in one zod schema with the newcomer's
// defaults. The whole environment is checked once when the server starts (instrumentation.ts), so that a wrong value
// stops it with a message naming the variable; modules read their one setting through setting(), at the time they
// need it. An empty variable counts as unset.
import { z } from "zod";

const whole = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const positive = (max: number) => z.coerce.number().positive().max(max);
const port = whole(1, 65_535);
const seconds = (fallback: number) => positive(86_400).default(fallback);
const postgresUrl = z.url({ protocol: /^postgres(ql)?$/ });
const pinoLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

// The mail outbox's timings, checked together by lib/contact/outbox.ts
export const mailTimingShape = {
  MAIL_LEASE_SECONDS: seconds(120),
  MAIL_TIMEOUT_SECONDS: seconds(60),
  MAIL_CONNECT_SECONDS: positive(86_400).optional(),
  MAIL_BACKOFF_SECONDS: seconds(30),
  MAIL_MAX_WAIT_SECONDS: seconds(3600),
  MAIL_MAX_ATTEMPTS: whole(1, 1000).default(8),
};

// What /.well-known/security.txt says (RFC 9116), written by lib/security-txt.ts
export const securityTxtShape = {
  SECURITY_CONTACT: z.string().optional(),
  SECURITY_EXPIRES: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  SECURITY_PREFERRED_LANGUAGES: z.string().default("da, sv, en"),
  SECURITY_POLICY: z.url().optional(),
  SECURITY_ENCRYPTION: z.url().optional(),
  SECURITY_ACKNOWLEDGMENTS: z.url().optional(),
};

// The link checker (lib/links/): off unless turned on, so that a newcomer's `npm start` and the tests reach no
// outside host; private, loopback and link-local addresses only where allowed
export const linkCheckShape = {
  LINK_CHECK_ENABLED: z.stringbool().default(false),
  LINK_CHECK_INTERVAL_MINUTES: positive(10_080).default(60),
  LINK_RECHECK_HOURS: positive(8_760).default(24),
  LINK_RETRY_MINUTES: positive(10_080).default(60),
  LINK_BROKEN_AFTER: whole(1, 100).default(3),
  LINK_CONNECT_TIMEOUT_SECONDS: positive(300).default(5),
  LINK_TIMEOUT_SECONDS: positive(600).default(15),
  LINK_MAX_REDIRECTS: whole(0, 20).default(5),
  LINK_CONCURRENCY: whole(1, 32).default(4),
  LINK_HOST_CONCURRENCY: whole(1, 2).default(1),
  LINK_MAX_BODY_KB: whole(0, 10_240).default(64),
  LINK_RUN_LIMIT: whole(1, 1_000_000).default(500),
  LINK_HISTORY: whole(1, 1000).default(20),
  LINK_ALLOW_PRIVATE: z.stringbool().default(false),
};

const shape = {
  ...securityTxtShape,
  ...linkCheckShape,
  PORT: port.default(3000),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_SIZE: whole(1, 100).default(10),
  EMBEDDED_DB_DIR: z.string().optional(),
  EMBEDDED_DB_PORT: port.optional(),
  CONTENT_DIR: z.string().default("content"),
  SITE_URL: z.url({ protocol: /^https?$/ }).optional(),
  CHROMIUM_PATH: z.string().default("/usr/bin/chromium"),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().default("Socialøkonomi i kommunerne <no-reply@localhost>"),
  MAIL_INTERVAL_SECONDS: positive(86_400).default(30),
  ...mailTimingShape,
  CONTACT_RETENTION_DAYS: whole(1, 100_000).default(180),
  CONTACT_RATE_LIMIT: whole(0, 1_000_000).default(5),
  FEEDBACK_RATE_LIMIT: whole(0, 1_000_000).default(20),
  ALERT_RATE_LIMIT: whole(0, 1_000_000).default(5),
  ALERT_CONFIRM_HOURS: positive(8_760).default(48),
  ALERT_UNCONFIRMED_DAYS: positive(365).default(7),
  ALERT_INTERVAL_MINUTES: positive(10_080).default(5),
  API_RATE_LIMIT: whole(0, 1_000_000).default(300),
  API_DATA_LICENCE: z.string().trim().min(1).default("CC BY 4.0"),
  API_DATA_LICENCE_URL: z.url({ protocol: /^https?$/ }).default("https://creativecommons.org/licenses/by/4.0/"),
  FORM_MIN_FILL_SECONDS: z.coerce.number().min(0).max(3600).default(3),
  BENCH_DATABASE_URL: postgresUrl.default("postgresql://postgres@127.0.0.1:5432/kb_bench_search"),
  CHECK_HTML_PORT: port.default(3200),
  CHECK_HTML_URL: z.url({ protocol: /^https?$/ }).optional(),
  FORM_SECRET: z.string().optional(),
  FILE_STORE_DIR: z.string().default(".data/files"),
  UPLOAD_MAX_MB: positive(10_000).default(20),
  LOGIN_RATE_LIMIT: whole(0, 1_000_000).default(30),
  AUDIT_ANONYMOUS_LIMIT: whole(0, 1_000_000).default(50),
  SESSION_IDLE_MINUTES: positive(525_600).default(30),
  STAFF_TOTP_EDITORS: z
    .string()
    .transform((v) => v.trim().toLowerCase())
    .pipe(z.enum(["required", "optional"]))
    .default("required"),
  STAFF_TOTP_KEY: z
    .string()
    .trim()
    .min(32, "must be at least 32 characters (e.g. 32 random bytes in base64)")
    .optional(),
  TRUSTED_PROXIES: z.string().optional(),
  CACHE_MEMORY_MB: positive(1_000_000).default(48),
  CACHE_MAX_AGE_SECONDS: positive(31_536_000).default(3600),
  CACHE_TAG_POLL_MS: positive(3_600_000).default(500),
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: z.string().optional(),
  LOG_LEVEL: z.enum(pinoLevels).default("info"),
  LOG_REQUESTS: z.string().optional(),
  BIND_HOST: z.string().default("127.0.0.1"),
};

export type SettingName = keyof typeof shape;
const schema = z.object(shape);

export type Settings = z.output<typeof schema>;

type Environment = Record<string, string | undefined>;

// The environment's values for the known settings, an empty value as unset
function given(environment: Environment): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.keys(shape).map((name) => [name, environment[name] === "" ? undefined : environment[name]]),
  );
}

function describe(issue: z.core.$ZodIssue, environment: Environment): string {
  const name = String(issue.path[0] ?? "environment");
  const value = environment[name];
  return `${name}: ${issue.message}${value === undefined ? "" : ` (it is "${value}")`}`;
}

/** Settings that are wrong, one line each naming the variable, what is wrong and the value given. */
export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings (docs/settings.md):\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "SettingsError";
  }
}

// Read every setting from an environment, with the defaults; a wrong value throws a SettingsError naming it
export function parseSettings(environment: Environment = process.env): Settings {
  const result = schema.safeParse(given(environment));
  if (!result.success) throw new SettingsError(result.error.issues.map((i) => describe(i, environment)));
  return result.data;
}

// Read one setting from the environment as it is now, with its default; a wrong value throws naming it
export function setting<K extends SettingName>(name: K, environment: Environment = process.env): Settings[K] {
  const result = shape[name].safeParse(given(environment)[name]);
  if (!result.success)
    throw new SettingsError(result.error.issues.map((i) => describe({ ...i, path: [name] }, environment)));
  return result.data as Settings[K];
}

export type Env = { DATABASE_URL: string; DATABASE_POOL_SIZE: number };

// The app server's database settings; DATABASE_URL is needed here (`npm start` provides the embedded database's)
export function env(): Env {
  const url = setting("DATABASE_URL");
  if (!url)
    throw new SettingsError([
      "DATABASE_URL: not set. Start the site with `npm start`, which provides the embedded database, or set DATABASE_URL.",
    ]);
  return { DATABASE_URL: url, DATABASE_POOL_SIZE: setting("DATABASE_POOL_SIZE") };
}
