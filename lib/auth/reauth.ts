import "server-only";
import type { Db } from "@/lib/database/client";
import { audit } from "@/lib/admin/audit";
import { secondFactorLimit } from "./login";
import { verifyPassword } from "./password";
import { markAuthenticated, type Staff } from "./sessions";
import { clearThrottle, takeWindowed } from "./throttle";
import { checkSecondFactor } from "./totp";

export type ProofOutcome = "ok" | "invalid" | "throttled";

export const reauthKey = (userId: string) => `reauth:${userId}`;

// Prove password and (where enabled) second factor again inside a session; a success marks the session
// fresh. Failures are audited and limited (5 in 15 minutes per account), like the login's second step.
export async function proveAgain(
  client: Db,
  staff: Staff,
  input: { password: string; code: string; token: string | undefined; clientAddress: string },
  now = new Date(),
): Promise<ProofOutcome> {
  const taken = await takeWindowed(
    client,
    reauthKey(staff.id),
    secondFactorLimit.failures,
    secondFactorLimit.minutes,
    now,
  );
  if (!taken.allowed) {
    await audit(client, staff, "reauth.throttled", "session", null, undefined, input.clientAddress);
    return "throttled";
  }
  const user = await client.staffUser.findUniqueOrThrow({ where: { id: staff.id }, select: { passwordHash: true } });
  const passwordOk = await verifyPassword(user.passwordHash, input.password.slice(0, 1024));
  const factorOk =
    passwordOk && (!staff.secondFactor || !!(await checkSecondFactor(client, staff.id, input.code, now)));
  if (!passwordOk || !factorOk) {
    await audit(
      client,
      staff,
      "reauth.failed",
      "session",
      null,
      { step: passwordOk ? "code" : "password" },
      input.clientAddress,
    );
    return "invalid";
  }
  await clearThrottle(client, [reauthKey(staff.id)]);
  await markAuthenticated(client, input.token, now);
  await audit(client, staff, "reauth", "session", null, undefined, input.clientAddress);
  return "ok";
}
