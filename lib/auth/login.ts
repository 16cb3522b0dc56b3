import "server-only";
import type { Db } from "@/lib/database/client";
import { digest } from "@/lib/form-guard";
import { takeToken, type RateLimit } from "@/lib/rate-limit";
import { audit } from "@/lib/admin/audit";
import { auditAnonymous } from "./audit-cap";
import { deviceIdFor } from "./device";
import { verifyPassword } from "./password";
import { secondFactorRequired } from "./policy";
import { createSession, type SessionStage } from "./sessions";
import { accountBackoff, clearThrottle, pairLimit, pruneThrottle, takeAccountAttempt, takeWindowed } from "./throttle";
import { setting } from "@/lib/env";

export { accountBackoff, pairLimit };

// Login attempts per client across all accounts, in 10-minute windows.
export const loginRateLimit: RateLimit = {
  name: "login",
  limit: setting("LOGIN_RATE_LIMIT"),
  windowSeconds: 600,
};

/** Wrong second-factor codes per account in a 15-minute window before the waiting login ends. */
export const secondFactorLimit = { failures: 5, minutes: 15 } as const;

export type LoginOutcome =
  | {
      status: "ok";
      userId: string;
      token: string;
      expiresAt: Date;
      stage: SessionStage;
      next: "code" | "enrol" | "admin";
    }
  | { status: "invalid" }
  | { status: "throttled"; minutes: number };

export type LoginInput = { email: string; password: string; clientAddress: string; deviceToken?: string };

const accountKey = (email: string) => `account:${digest("login", email)}`;
const pairKey = (email: string, clientAddress: string) => `pair:${digest("login", email, clientAddress)}`;
const deviceKey = (email: string, deviceId: string) => `device:${digest("login", email, deviceId)}`;
export const secondFactorKey = (userId: string) => `otp:${userId}`;

// Check an e-mail and password. Attempts are counted per address whether or not an account has it, so the
// answers (wrong, wait) are the same for an address without an account. Limits: per address and client
// (or address and known browser), and account-wide backoff for browsers the account has not used.
export async function attemptLogin(client: Db, input: LoginInput, now = new Date()): Promise<LoginOutcome> {
  const email = input.email.trim().toLowerCase().slice(0, 320);
  const address = input.clientAddress;
  // Every entry here is caused by a caller who is not logged in: held to the cap of lib/auth/audit-cap.ts.
  const logged = (action: string, detail: Record<string, string | number> = {}) =>
    auditAnonymous(client, null, action, "login", null, { email, ...detail }, address, now);

  const rate = await takeToken(client, loginRateLimit, address, now);
  if (!rate.allowed) {
    await logged("login.throttled", { limit: "client" });
    return { status: "throttled", minutes: Math.max(1, Math.ceil(rate.retryAfterSeconds / 60)) };
  }

  const user = await client.staffUser.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, active: true, role: true, totpEnabledAt: true },
  });
  const deviceId = deviceIdFor(input.deviceToken, email, user?.active ? user.passwordHash : null);
  const keys = [deviceId ? deviceKey(email, deviceId) : pairKey(email, address)];
  const pair = await takeWindowed(client, keys[0]!, pairLimit.failures, pairLimit.minutes, now);
  if (!pair.allowed) {
    await logged("login.throttled", { limit: deviceId ? "browser" : "client+account" });
    return { status: "throttled", minutes: pair.retryMinutes };
  }
  let accountFailures = 0;
  if (!deviceId) {
    keys.push(accountKey(email));
    const account = await takeAccountAttempt(client, keys[1]!, now);
    if (!account.allowed) {
      await logged("login.backoff", { minutes: account.retryMinutes });
      return { status: "throttled", minutes: account.retryMinutes };
    }
    accountFailures = account.failures;
  }

  const ok = await verifyPassword(user?.active ? user.passwordHash : null, input.password);
  if (!ok || !user) {
    await pruneThrottle(client, now);
    await auditAnonymous(
      client,
      user ? { id: user.id, email } : null,
      "login.failed",
      "login",
      user?.id ?? null,
      { email },
      address,
      now,
    );
    if (accountFailures >= accountBackoff.free) await logged("login.backoff", { failures: accountFailures });
    return { status: "invalid" };
  }
  // A success starts every count of the account again.
  await clearThrottle(client, [...new Set([...keys, accountKey(email)])]);
  const next = user.totpEnabledAt ? "code" : secondFactorRequired(user.role) ? "enrol" : "admin";
  const stage: SessionStage = next === "admin" ? "full" : "password";
  const session = await createSession(client, user.id, now, stage);
  await audit(
    client,
    { id: user.id, email },
    next === "admin" ? "login" : "login.password",
    "session",
    null,
    undefined,
    address,
  );
  return { status: "ok", userId: user.id, ...session, stage, next };
}
