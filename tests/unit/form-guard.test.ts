import { createHash } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";

// digest() keys its hash with FORM_SECRET: without the secret, a hashed address cannot be found by hashing guesses.
describe("form guard hashes", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  const load = async (secret: string) => {
    vi.stubEnv("FORM_SECRET", secret);
    vi.resetModules();
    return import("@/lib/form-guard");
  };

  it("differ from the plain SHA-256 of the same parts and change with the secret", async () => {
    const plain = createHash("sha256").update("client").update("\u0000").update("203.0.113.7").update("\u0000");
    const first = await load("first secret of this deployment");
    const a = first.digest("client", "203.0.113.7");
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(plain.digest("base64url"));
    // Stable for one secret, so rate limits and duplicate checks hold across processes sharing it.
    expect(first.digest("client", "203.0.113.7")).toBe(a);
    const second = await load("another secret");
    expect(second.digest("client", "203.0.113.7")).not.toBe(a);
  });

  it("treat a form without its time fields as sent too fast, and one with empty fields as untimed", async () => {
    const guard = await load("s");
    expect(guard.sentTooFast(guard.guardFields({ website: "" }))).toBe(true);
    expect(guard.sentTooFast(guard.guardFields(new FormData()))).toBe(true);
    expect(guard.sentTooFast(guard.guardFields({ elapsed: "" }))).toBe(false);
    expect(guard.sentTooFast(guard.guardFields({ elapsed: "100" }))).toBe(true);
    expect(guard.sentTooFast(guard.guardFields({ elapsed: "9000" }))).toBe(false);
  });
});
