import "server-only";
import type { Db } from "@/lib/database/client";
import { digest } from "@/lib/form-guard";
import { takeToken, type RateLimit } from "@/lib/rate-limit";
import { verifyPassword } from "./password";
import { createSession } from "./sessions";

export const lockout = { failures: 5, minutes: 10 } as const;

// Login attempts per client across all accounts, in 10-minute windows.
export const loginRateLimit: RateLimit = {
  name: "login",
  limit: Number(process.env.LOGIN_RATE_LIMIT ?? 30),
  windowSeconds: 600,
};

export type LoginOutcome =
  | { status: "ok"; userId: string; token: string; expiresAt: Date }
  | { status: "invalid" }
  | { status: "locked"; minutes: number }
  | { status: "throttled"; minutes: number };

const throttleKey = (email: string) => `email:${digest("login", email)}`;

// Check an e-mail and password. Failures are counted per address whether or not an account has it, so the
// answers (wrong, locked) are the same for an address without an account.
export async function attemptLogin(
  client: Db,
  input: { email: string; password: string; clientAddress: string },
  now = new Date(),
): Promise<LoginOutcome> {
  const email = input.email.trim().toLowerCase().slice(0, 320);
  const rate = await takeToken(client, loginRateLimit, input.clientAddress, now);
  if (!rate.allowed) return { status: "throttled", minutes: Math.max(1, Math.ceil(rate.retryAfterSeconds / 60)) };

  const key = throttleKey(email);
  const throttle = await client.loginThrottle.findUnique({ where: { key } });
  if (throttle?.lockedUntil && throttle.lockedUntil > now) {
    return {
      status: "locked",
      minutes: Math.max(1, Math.ceil((throttle.lockedUntil.getTime() - now.getTime()) / 60_000)),
    };
  }
  const user = await client.staffUser.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, active: true },
  });
  const ok = await verifyPassword(user?.active ? user.passwordHash : null, input.password);
  if (!ok || !user) {
    // A lock that has run out starts the count again.
    const failures = (throttle?.lockedUntil ? 0 : (throttle?.failures ?? 0)) + 1;
    const lockedUntil = failures >= lockout.failures ? new Date(now.getTime() + lockout.minutes * 60_000) : null;
    await client.loginThrottle.upsert({
      where: { key },
      create: { key, failures, lockedUntil },
      update: { failures, lockedUntil },
    });
    return lockedUntil ? { status: "locked", minutes: lockout.minutes } : { status: "invalid" };
  }
  if (throttle) await client.loginThrottle.delete({ where: { key } });
  const session = await createSession(client, user.id, now);
  return { status: "ok", userId: user.id, ...session };
}
