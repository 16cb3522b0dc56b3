// Staff accounts against an attacker: login throttling that counts parallel guesses and never locks the
// owner's browser out, the second factor (TOTP codes computed here from the enrolment secret, recovery
// codes), idle and absolute session ends, re-authentication before sensitive actions, one's own password
// change and the forced one after an admin set it, adviser addresses changed only by admins (audited, the
// old address told by mail through a real SMTP server), and every failure in the audit log with its address.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTranslator } from "use-intl/core";
import da from "@/messages/da.json";
import sv from "@/messages/sv.json";
import type { Db } from "@/lib/database/client";
import { testDatabases, truncateCatalogue } from "../helpers/databases";
import { TestSmtpServer } from "../helpers/smtp";

const cookieJar = new Map<string, string>();
let forwardedFor = "198.51.100.7";
let activeClient: Db | undefined;

vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (cookieJar.has(name) ? { name, value: cookieJar.get(name)! } : undefined),
    has: (name: string) => cookieJar.has(name),
    set: (name: string, value: string) => void cookieJar.set(name, value),
    delete: (name: string) => void cookieJar.delete(name),
  }),
  headers: async () => new Headers({ "x-forwarded-for": forwardedFor }),
}));
vi.mock("@/lib/db", () => ({ db: () => activeClient! }));
vi.mock("next/cache", () => ({ revalidateTag: () => undefined, unstable_cache: (fn: unknown) => fn }));
vi.mock("next-intl/server", () => ({
  getTranslations: async ({ locale, namespace }: { locale: "da" | "sv"; namespace: string }) =>
    createTranslator({ locale, messages: locale === "sv" ? sv : da, namespace: namespace as never }),
}));

process.env.STAFF_TOTP_KEY = "a test key of more than thirty-two characters";

const databases = testDatabases({ beforeAll, afterAll });
const { attemptLogin, accountBackoff, pairLimit } = await import("@/lib/auth/login");
const { createStaff, resetStaffPassword } = await import("@/lib/auth/staff");
const sessions = await import("@/lib/auth/sessions");
const totp = await import("@/lib/auth/totp");
const { newDeviceToken, deviceCookieName } = await import("@/lib/auth/device");
const { sessionCookieName } = await import("@/lib/auth/cookie");
const actions = await import("@/lib/auth/actions");
const guard = await import("@/lib/auth/guard");
const staffActions = await import("@/lib/admin/actions/staff");
const { saveRecordAction } = await import("@/lib/admin/actions/records");
const { sendDueMail } = await import("@/lib/contact/outbox");
const { createTransport } = await import("nodemailer");

const password = "a perfectly long passphrase";
const minutes = (n: number, from = new Date()) => new Date(from.getTime() + n * 60_000);

function form(entries: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries))
    for (const v of Array.isArray(value) ? value : [value]) data.append(key, v);
  return data;
}

// Run an action or page; a redirect comes back as its target
async function run<T>(call: () => Promise<T>): Promise<T | { redirect: string }> {
  try {
    return await call();
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (digest.startsWith("NEXT_REDIRECT")) return { redirect: digest.split(";")[2]! };
    throw error;
  }
}

async function newStaff(client: Db, email: string, role: "admin" | "editor") {
  const outcome = await createStaff(client, { email, name: email.split("@")[0]!, role, password });
  if (outcome.status !== "created") throw new Error(outcome.status);
  return outcome.id;
}

// An account with its second factor enrolled; returns the secret
async function enrolled(client: Db, userId: string): Promise<string> {
  const secret = await totp.offerTotpSecret(client, userId);
  const codes = await totp.confirmTotp(client, userId, totp.totpCode(secret, minutes(-1)), minutes(-1));
  expect(codes).toHaveLength(totp.recoveryCodeCount);
  return secret;
}

// A device cookie as the account's own browser holds it after a login
async function browserOf(client: Db, email: string): Promise<string> {
  const { passwordHash } = await client.staffUser.findUniqueOrThrow({
    where: { email },
    select: { passwordHash: true },
  });
  return newDeviceToken(email, passwordHash);
}

const auditOf = (client: Db, action: string) => client.auditLog.findMany({ where: { action }, orderBy: { at: "asc" } });

describe.each(databases)("staff authentication on the $name database", (database) => {
  const smtp = new TestSmtpServer();
  beforeAll(() => smtp.start());
  afterAll(() => smtp.stop());

  beforeEach(async () => {
    activeClient = database.client();
    await truncateCatalogue(database.client());
    cookieJar.clear();
    forwardedFor = "198.51.100.7";
  });

  describe("login throttling", () => {
    it("counts every one of 20 parallel wrong guesses from one client and lets only 5 reach the password check", async () => {
      const client = database.client();
      await newStaff(client, "owner@example.org", "editor");
      const now = new Date();
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, () =>
          attemptLogin(client, { email: "owner@example.org", password: "wrong", clientAddress: "203.0.113.1" }, now),
        ),
      );
      const statuses = outcomes.map((o) => o.status);
      expect(statuses.filter((s) => s === "invalid")).toHaveLength(pairLimit.failures);
      expect(statuses.filter((s) => s === "throttled")).toHaveLength(20 - pairLimit.failures);
      const pair = await client.loginThrottle.findFirstOrThrow({ where: { key: { startsWith: "pair:" } } });
      expect(pair.failures).toBe(20);
      expect((await auditOf(client, "login.failed")).length).toBe(pairLimit.failures);
    });

    it("counts every one of 9 parallel wrong guesses from 9 clients in the account-wide count", async () => {
      const client = database.client();
      await newStaff(client, "owner@example.org", "editor");
      const now = new Date();
      await Promise.all(
        Array.from({ length: 9 }, (_, i) =>
          attemptLogin(client, { email: "owner@example.org", password: "wrong", clientAddress: `203.0.113.${i}` }, now),
        ),
      );
      const account = await client.loginThrottle.findFirstOrThrow({ where: { key: { startsWith: "account:" } } });
      expect(account.failures).toBe(9);
    });

    it("slows strangers account-wide with a growing wait, the same for an address without an account, while the owner's browser gets in", async () => {
      const client = database.client();
      await newStaff(client, "owner@example.org", "editor");
      const ownerBrowser = await browserOf(client, "owner@example.org");
      const start = new Date();
      const answers = async (email: string) => {
        const seen: string[] = [];
        let ip = 0;
        const attempt = async (at: Date) => {
          const o = await attemptLogin(client, { email, password: "wrong", clientAddress: `192.0.2.${ip++}` }, at);
          seen.push(o.status === "throttled" ? `wait ${o.minutes}` : o.status);
        };
        for (let i = 0; i < accountBackoff.free; i++) await attempt(start);
        await attempt(start);
        await attempt(minutes(1.1, start));
        await attempt(minutes(1.2, start));
        await attempt(minutes(3.2, start));
        return seen;
      };
      const real = await answers("owner@example.org");
      expect(real).toEqual([...Array(accountBackoff.free).fill("invalid"), "wait 1", "invalid", "wait 2", "invalid"]);
      expect(await answers("nobody@example.org")).toEqual(real);

      // The owner's own browser is not held up by the account-wide wait, from any address.
      const owner = await attemptLogin(
        client,
        { email: "owner@example.org", password, clientAddress: "192.0.2.250", deviceToken: ownerBrowser },
        minutes(3.3, start),
      );
      expect(owner.status).toBe("ok");
      const backoffs = await auditOf(client, "login.backoff");
      expect(backoffs.length).toBeGreaterThan(0);
      expect(backoffs.every((entry) => entry.clientAddress?.startsWith("192.0.2."))).toBe(true);
    });

    it("allows a stolen browser cookie no more than 5 guesses, whatever address it comes from", async () => {
      const client = database.client();
      await newStaff(client, "owner@example.org", "editor");
      const deviceToken = await browserOf(client, "owner@example.org");
      const statuses: string[] = [];
      for (let i = 0; i <= pairLimit.failures; i++)
        statuses.push(
          (
            await attemptLogin(client, {
              email: "owner@example.org",
              password: "x",
              clientAddress: `10.0.0.${i}`,
              deviceToken,
            })
          ).status,
        );
      expect(statuses).toEqual([...Array(pairLimit.failures).fill("invalid"), "throttled"]);
      // A cookie made for another account does not count as the owner's browser.
      const { passwordHash } = await client.staffUser.findUniqueOrThrow({ where: { email: "owner@example.org" } });
      const forOther = newDeviceToken("other@example.org", passwordHash);
      const other = await attemptLogin(client, {
        email: "owner@example.org",
        password,
        clientAddress: "10.0.0.99",
        deviceToken: forOther,
      });
      expect(other.status).toBe("ok");
    });

    it("stops honouring the owner's browser cookies once the password changed, so a stolen one is worthless", async () => {
      const client = database.client();
      const id = await newStaff(client, "owner@example.org", "editor");
      const oldBrowser = await browserOf(client, "owner@example.org");
      await resetStaffPassword(client, id, "chosen by the admin 2026");
      await client.staffUser.update({ where: { id }, data: { mustChangePassword: false } });
      const newBrowser = await browserOf(client, "owner@example.org");
      const start = new Date();
      // Strangers put the account into its account-wide wait.
      for (let i = 0; i <= accountBackoff.free; i++)
        await attemptLogin(
          client,
          { email: "owner@example.org", password: "wrong", clientAddress: `192.0.2.${i}` },
          start,
        );
      const login = (deviceToken: string) =>
        attemptLogin(
          client,
          {
            email: "owner@example.org",
            password: "chosen by the admin 2026",
            clientAddress: "192.0.2.200",
            deviceToken,
          },
          start,
        );
      expect((await login(oldBrowser)).status).toBe("throttled");
      expect((await login(newBrowser)).status).toBe("ok");
    });

    it("caps the audit entries a client who is not logged in can cause, and says so once", async () => {
      const client = database.client();
      const { anonymousAuditLimit } = await import("@/lib/auth/audit-cap");
      const attempts = anonymousAuditLimit.limit + 30;
      const now = new Date();
      for (let i = 0; i < attempts; i++)
        await attemptLogin(
          client,
          { email: `nobody${i}@example.org`, password: "x", clientAddress: "203.0.113.66" },
          now,
        );
      const entries = await client.auditLog.findMany({
        where: { clientAddress: "203.0.113.66" },
        orderBy: { at: "asc" },
      });
      expect(entries).toHaveLength(anonymousAuditLimit.limit + 1);
      expect(entries.filter((e) => e.action === "audit.capped")).toHaveLength(1);
      expect(entries.at(-1)).toMatchObject({ action: "audit.capped", detail: { limit: anonymousAuditLimit.limit } });
      // Another client's failures are still written.
      await attemptLogin(client, { email: "nobody@example.org", password: "x", clientAddress: "203.0.113.67" }, now);
      expect(await client.auditLog.count({ where: { clientAddress: "203.0.113.67" } })).toBe(1);
    });

    it("writes failed logins with the client address into the audit log and prunes throttle rows older than a day", async () => {
      const client = database.client();
      const id = await newStaff(client, "owner@example.org", "editor");
      await client.loginThrottle.create({
        data: { key: "pair:old", failures: 3, updatedAt: new Date(Date.now() - 25 * 3600_000) },
      });
      await attemptLogin(client, { email: "owner@example.org", password: "wrong", clientAddress: "198.51.100.9" });
      const [failed] = await auditOf(client, "login.failed");
      expect(failed).toMatchObject({ actorId: id, clientAddress: "198.51.100.9", entity: "login" });
      expect(failed!.detail).toEqual({ email: "owner@example.org" });
      expect(await client.loginThrottle.findUnique({ where: { key: "pair:old" } })).toBeNull();
    });
  });

  describe("second factor", () => {
    it("keeps the secret encrypted, enables it with a code computed from it, accepts each code once and each recovery code once", async () => {
      const client = database.client();
      const id = await newStaff(client, "admin@example.org", "admin");
      const secret = await totp.offerTotpSecret(client, id);
      const stored = (await client.staffUser.findUniqueOrThrow({ where: { id } })).totpSecret!;
      expect(stored).not.toContain(secret);
      expect(totp.openSecret(stored)).toBe(secret);
      const now = new Date();
      expect(await totp.confirmTotp(client, id, "000000", now)).toBeNull();
      const codes = (await totp.confirmTotp(client, id, totp.totpCode(secret, now), now))!;
      expect(codes).toHaveLength(10);
      const hashes = (await client.recoveryCode.findMany({ where: { userId: id } })).map((r) => r.codeHash);
      expect(hashes).toHaveLength(10);
      expect(hashes.some((h) => codes.includes(h))).toBe(false);

      // The enrolment code itself is used up; the next time step's code works once.
      expect(await totp.checkSecondFactor(client, id, totp.totpCode(secret, now), now)).toBeNull();
      const next = minutes(0.5, now);
      expect(await totp.checkSecondFactor(client, id, totp.totpCode(secret, next), next)).toBe("totp");
      expect(await totp.checkSecondFactor(client, id, totp.totpCode(secret, next), next)).toBeNull();
      expect(await totp.checkSecondFactor(client, id, codes[3]!.toLowerCase(), next)).toBe("recovery");
      expect(await totp.checkSecondFactor(client, id, codes[3]!, next)).toBeNull();
      // The QR code is inline SVG of the otpauth address; the secret is shown as text too.
      const view = await totp.enrolmentView(secret, "admin@example.org");
      expect(view.svg.startsWith("<svg")).toBe(true);
      expect(view.uri).toContain(`secret=${secret}`);
      expect(view.secretText.replace(/ /g, "")).toBe(secret);
    });

    it("sends an admin to enrolment after the password, then to the code page at the next login; wrong codes are audited and limited", async () => {
      const client = database.client();
      const id = await newStaff(client, "admin@example.org", "admin");
      const login = () =>
        run(() =>
          actions.login({ email: "", error: null }, form({ email: "admin@example.org", password, locale: "da" })),
        );
      expect(await login()).toEqual({ redirect: "/da/admin/login/enrol" });
      expect(await guard.currentStaff()).toBeNull();
      const pending = (await guard.currentPendingLogin())!;
      expect(pending.userId).toBe(id);
      // The enrolment page offers the secret; the code computed from it enables the factor.
      const secret = await totp.offerTotpSecret(client, id);
      const enrol = await run(() =>
        actions.confirmEnrolment({ error: null }, form({ locale: "da", code: totp.totpCode(secret) })),
      );
      expect(enrol).toMatchObject({
        error: null,
        codes: expect.arrayContaining([expect.stringMatching(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/)]),
      });
      expect((await guard.currentStaff())?.email).toBe("admin@example.org");
      expect(cookieJar.has(deviceCookieName)).toBe(true);

      // Next login: password, then the code page.
      cookieJar.delete(sessionCookieName);
      expect(await login()).toEqual({ redirect: "/da/admin/login/code" });
      expect(await guard.currentStaff()).toBeNull();
      const wrong = await run(() =>
        actions.verifySecondFactor({ error: null }, form({ locale: "da", code: "123456" })),
      );
      expect(wrong).toEqual({ error: da.Admin.secondFactor.invalid });
      const [failure] = await auditOf(client, "totp.failed");
      expect(failure).toMatchObject({ actorId: id, clientAddress: "198.51.100.7" });
      const code = totp.totpCode(secret, minutes(0.5));
      expect(await run(() => actions.verifySecondFactor({ error: null }, form({ locale: "da", code })))).toEqual({
        redirect: "/da/admin",
      });
      expect((await guard.currentStaff())?.secondFactor).toBe(true);

      // Five wrong codes in a row end the waiting login.
      cookieJar.delete(sessionCookieName);
      await login();
      for (let i = 0; i < 5; i++)
        await run(() => actions.verifySecondFactor({ error: null }, form({ locale: "da", code: "000000" })));
      const locked = await run(() =>
        actions.verifySecondFactor({ error: null }, form({ locale: "da", code: "000001" })),
      );
      expect((locked as { error: string }).error).toMatch(/For mange forkerte koder/);
      expect(await guard.currentPendingLogin()).toBeNull();
      expect(await auditOf(client, "totp.throttled")).toHaveLength(1);
    });

    it("lets an editor without a second factor in with the password alone only where STAFF_TOTP_EDITORS=optional", async () => {
      const client = database.client();
      await newStaff(client, "editor@example.org", "editor");
      const attempt = () => attemptLogin(client, { email: "editor@example.org", password, clientAddress: "1" });
      expect(await attempt()).toMatchObject({ status: "ok", next: "enrol", stage: "password" });
      vi.stubEnv("STAFF_TOTP_EDITORS", "optional");
      try {
        expect(await attempt()).toMatchObject({ status: "ok", next: "admin", stage: "full" });
      } finally {
        vi.unstubAllEnvs();
      }
    });

    it("lets an admin reset another account's second factor after re-authentication, audited, ending its sessions", async () => {
      const client = database.client();
      const adminId = await newStaff(client, "admin@example.org", "admin");
      const editorId = await newStaff(client, "editor@example.org", "editor");
      await enrolled(client, editorId);
      await sessions.createSession(client, editorId);
      const { token } = await sessions.createSession(client, adminId, minutes(-6));
      cookieJar.set(sessionCookieName, token);
      const reset = () => run(() => staffActions.resetSecondFactorAction(form({ uiLocale: "da", userId: editorId })));
      // Six minutes after login the admin must prove it again first.
      expect(await reset()).toEqual({ redirect: `/da/admin/reauth?next=${encodeURIComponent("/da/admin/staff")}` });
      expect((await client.staffUser.findUniqueOrThrow({ where: { id: editorId } })).totpEnabledAt).not.toBeNull();
      await client.session.updateMany({ where: { userId: adminId }, data: { authAt: new Date() } });
      expect(await reset()).toEqual({ redirect: "/da/admin/staff?factorReset=1" });
      const editor = await client.staffUser.findUniqueOrThrow({ where: { id: editorId } });
      expect([editor.totpSecret, editor.totpEnabledAt]).toEqual([null, null]);
      expect(await client.recoveryCode.count({ where: { userId: editorId } })).toBe(0);
      expect(await client.session.count({ where: { userId: editorId } })).toBe(0);
      expect(await auditOf(client, "totp.reset")).toMatchObject([{ actorId: adminId, entityId: editorId }]);
    });
  });

  describe("sessions", () => {
    it("end after 30 idle minutes, while activity keeps them for up to 8 hours", async () => {
      const client = database.client();
      const id = await newStaff(client, "editor@example.org", "editor");
      const start = new Date();
      const { token } = await sessions.createSession(client, id, start);
      expect(await sessions.staffForToken(client, token, minutes(29, start))).not.toBeNull();
      expect(await sessions.staffForToken(client, token, minutes(58, start))).not.toBeNull();
      expect(await sessions.staffForToken(client, token, minutes(89, start))).toBeNull();
      expect(await client.session.count()).toBe(0);

      const second = await sessions.createSession(client, id, start);
      for (let m = 25; m < 8 * 60; m += 25)
        expect(await sessions.staffForToken(client, second.token, minutes(m, start)), `${m}`).not.toBeNull();
      expect(await sessions.staffForToken(client, second.token, minutes(8 * 60 + 1, start))).toBeNull();
    });

    it("ask for password and code again after 5 minutes and return to the page the member was on", async () => {
      const client = database.client();
      const id = await newStaff(client, "admin@example.org", "admin");
      const secret = await enrolled(client, id);
      const { token } = await sessions.createSession(client, id, minutes(-6));
      cookieJar.set(sessionCookieName, token);
      expect(await run(() => guard.requireStaff("da", "admin", { fresh: "export" }))).toEqual({
        redirect: "/da/admin/reauth?next=%2Fda%2Fadmin%2Fexport",
      });
      const { exportContentAction } = await import("@/lib/admin/actions/export");
      expect(await run(() => exportContentAction(form({ uiLocale: "da" })))).toEqual({
        redirect: "/da/admin/reauth?next=%2Fda%2Fadmin%2Fexport",
      });
      const reauth = (fields: Record<string, string>) =>
        run(() => actions.reauthenticate({ error: null }, form({ locale: "da", next: "/da/admin/export", ...fields })));
      expect(await reauth({ password, code: "000000" })).toEqual({ error: da.Admin.reauth.invalid });
      expect(await reauth({ password: "wrong password", code: totp.totpCode(secret) })).toEqual({
        error: da.Admin.reauth.invalid,
      });
      expect(await auditOf(client, "reauth.failed")).toHaveLength(2);
      // A return address off the admin is not followed.
      expect(
        await run(() =>
          actions.reauthenticate(
            { error: null },
            form({ locale: "da", next: "https://evil.example/da/admin", password, code: totp.totpCode(secret) }),
          ),
        ),
      ).toEqual({ redirect: "/da/admin" });
      expect(await run(() => guard.requireStaff("da", "admin", { fresh: "export" }))).toMatchObject({ id });
    });

    it("let members change their own password with the current one, and make them change one an admin set", async () => {
      const client = database.client();
      const id = await newStaff(client, "editor@example.org", "editor");
      await resetStaffPassword(client, id, "chosen by the admin 2026");
      expect((await client.staffUser.findUniqueOrThrow({ where: { id } })).mustChangePassword).toBe(true);
      const other = await sessions.createSession(client, id);
      const { token } = await sessions.createSession(client, id);
      cookieJar.set(sessionCookieName, token);
      expect(await run(() => guard.requireStaff("da"))).toEqual({ redirect: "/da/admin/password" });
      const { setMessageStatusAction } = await import("@/lib/admin/actions/inbox");
      await expect(setMessageStatusAction(form({ uiLocale: "da" }))).rejects.toMatchObject({ reason: "password" });
      expect(await auditOf(client, "access.refused")).toMatchObject([{ actorId: id, clientAddress: "198.51.100.7" }]);

      const change = (current: string, next: string) =>
        run(() => actions.changePasswordAction({ error: null }, form({ locale: "da", current, password: next })));
      expect(await change("not it at all, no", "a brand new passphrase 7")).toEqual({
        error: da.Admin.password.wrongCurrent,
      });
      expect(await change("chosen by the admin 2026", "short")).toEqual({ error: da.Admin.errors.passwordTooShort });
      expect(await change("chosen by the admin 2026", "chosen by the admin 2026")).toEqual({
        error: da.Admin.password.same,
      });
      expect(await change("chosen by the admin 2026", "a brand new passphrase 7")).toEqual({
        redirect: "/da/admin/password?changed=1",
      });
      expect((await client.staffUser.findUniqueOrThrow({ where: { id } })).mustChangePassword).toBe(false);
      expect(await sessions.staffForToken(client, other.token)).toBeNull();
      expect(await run(() => guard.requireStaff("da"))).toMatchObject({ id });
      expect(
        (
          await attemptLogin(client, {
            email: "editor@example.org",
            password: "a brand new passphrase 7",
            clientAddress: "1",
          })
        ).status,
      ).toBe("ok");
    });
  });

  describe("adviser addresses", () => {
    async function adviser(client: Db) {
      return client.adviser.create({
        data: {
          slug: "anna",
          name: "Anna Andersen",
          titleDa: "Rådgiver",
          titleSv: "Rådgivare",
          email: "anna@example.org",
          languages: ["da"],
        },
      });
    }
    const adviserForm = (id: string, patch: Record<string, string> = {}) =>
      form({
        uiLocale: "da",
        recordKind: "advisers",
        id,
        name: "Anna Andersen",
        titleDa: "Rådgiver",
        titleSv: "Rådgivare",
        email: "anna@example.org",
        phone: "",
        organisationId: "",
        languages: "da",
        ...patch,
      });
    const initial = (id: string) => ({ attempt: 0, id, version: 1, values: {}, errors: {}, formError: null });

    it("are not changed by editors, who may still change the adviser's other fields", async () => {
      const client = database.client();
      const anna = await adviser(client);
      const editorId = await newStaff(client, "editor@example.org", "editor");
      cookieJar.set(sessionCookieName, (await sessions.createSession(client, editorId)).token);
      const refused = await run(() =>
        saveRecordAction(initial(anna.id), adviserForm(anna.id, { email: "mallory@example.org", titleDa: "Ny titel" })),
      );
      expect(refused).toMatchObject({
        errors: { email: da.Admin.records.errors.emailAdminOnly },
        values: { email: "mallory@example.org", titleDa: "Ny titel" },
      });
      expect((await client.adviser.findUniqueOrThrow({ where: { id: anna.id } })).email).toBe("anna@example.org");
      expect(await client.mailOutbox.count()).toBe(0);
      expect(
        await run(() => saveRecordAction(initial(anna.id), adviserForm(anna.id, { titleDa: "Ny titel" }))),
      ).toEqual({
        redirect: `/da/admin/advisers?saved=${anna.id}`,
      });
      expect((await client.adviser.findUniqueOrThrow({ where: { id: anna.id } })).titleDa).toBe("Ny titel");
    });

    it("are changed by an admin who proves password and code in the form, audited, and the old address is told by mail", async () => {
      const client = database.client();
      const anna = await adviser(client);
      const adminId = await newStaff(client, "admin@example.org", "admin");
      const secret = await enrolled(client, adminId);
      cookieJar.set(sessionCookieName, (await sessions.createSession(client, adminId, minutes(-10))).token);
      const change = { email: "anna.new@example.org", titleDa: "Seniorrådgiver" };
      const asked = await run(() => saveRecordAction(initial(anna.id), adviserForm(anna.id, change)));
      expect(asked).toMatchObject({
        reauth: true,
        errors: { email: da.Admin.records.errors.emailReauth },
        values: change,
      });
      const wrong = await run(() =>
        saveRecordAction(
          initial(anna.id),
          adviserForm(anna.id, { ...change, reauthPassword: password, reauthCode: "000000" }),
        ),
      );
      expect(wrong).toMatchObject({ reauth: true, errors: { email: da.Admin.reauth.invalid }, values: change });
      expect((await client.adviser.findUniqueOrThrow({ where: { id: anna.id } })).email).toBe("anna@example.org");
      const saved = await run(() =>
        saveRecordAction(
          initial(anna.id),
          adviserForm(anna.id, { ...change, reauthPassword: password, reauthCode: totp.totpCode(secret) }),
        ),
      );
      expect(saved).toEqual({ redirect: `/da/admin/advisers?saved=${anna.id}` });
      expect(await client.adviser.findUniqueOrThrow({ where: { id: anna.id } })).toMatchObject(change);
      expect(await auditOf(client, "advisers.email")).toMatchObject([
        {
          actorId: adminId,
          entityId: anna.id,
          clientAddress: "198.51.100.7",
          detail: { from: "anna@example.org", to: "anna.new@example.org" },
        },
      ]);
      // The outbox sends the notice to the old address through a real SMTP server.
      const transport = createTransport({ url: smtp.url });
      expect(await sendDueMail(client, transport)).toMatchObject({ sent: 1, failed: 0, givenUp: 0 });
      const mail = smtp.received.at(-1)!;
      expect(mail.to).toEqual(["anna@example.org"]);
      expect(mail.mail.text).toContain("anna.new@example.org");
      expect(mail.mail.subject).toContain("ændret");
    });
  });
});
