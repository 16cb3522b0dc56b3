import { describe, expect, it } from "vitest";
import { backoffMs, isPermanentRefusal, outboxSettings } from "@/lib/contact/outbox";

describe("outbox settings", () => {
  it("default to a two-minute lease, a one-minute send deadline, 30 s backoff up to an hour and 8 attempts", () => {
    expect(outboxSettings({})).toEqual({
      leaseMs: 120_000,
      sendTimeoutMs: 60_000,
      connectTimeoutMs: 10_000,
      backoffMs: 30_000,
      backoffMaxMs: 3_600_000,
      maxAttempts: 8,
    });
  });

  it("take fractions of seconds and keep the connect timeout inside the send deadline", () => {
    expect(
      outboxSettings({ MAIL_LEASE_SECONDS: "2", MAIL_TIMEOUT_SECONDS: "0.5", MAIL_BACKOFF_SECONDS: "" }),
    ).toMatchObject({ leaseMs: 2000, sendTimeoutMs: 500, connectTimeoutMs: 500, backoffMs: 30_000 });
  });

  it("refuse a send deadline that is not shorter than the lease, and nonsense", () => {
    expect(() => outboxSettings({ MAIL_LEASE_SECONDS: "60", MAIL_TIMEOUT_SECONDS: "60" })).toThrow(
      /MAIL_TIMEOUT_SECONDS must be shorter than MAIL_LEASE_SECONDS/,
    );
    for (const [key, value] of [
      ["MAIL_LEASE_SECONDS", "abc"],
      ["MAIL_BACKOFF_SECONDS", "-1"],
      ["MAIL_MAX_ATTEMPTS", "0"],
      ["MAIL_MAX_ATTEMPTS", "2.5"],
    ]) {
      expect(() => outboxSettings({ [key!]: value }), `${key}=${value}`).toThrow(/Mail outbox settings/);
    }
  });
});

describe("backoff", () => {
  const settings = outboxSettings({ MAIL_BACKOFF_SECONDS: "10", MAIL_MAX_WAIT_SECONDS: "60" });

  it("doubles per attempt up to the longest wait, with up to half taken off at random", () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n, settings, () => 1))).toEqual([
      10_000, 20_000, 40_000, 60_000, 60_000,
    ]);
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n, settings, () => 0))).toEqual([5000, 10_000, 20_000, 30_000, 30_000]);
    const spread = new Set(Array.from({ length: 50 }, () => backoffMs(1, settings)));
    expect(spread.size).toBeGreaterThan(10);
    for (const ms of spread) expect(ms).toBeGreaterThanOrEqual(5000);
  });
});

describe("permanent refusals", () => {
  it("are 5xx replies except 503; 4xx replies, 503 and errors without a reply are not", () => {
    expect([550, 552, 554].map((responseCode) => isPermanentRefusal({ responseCode }))).toEqual([true, true, true]);
    expect([421, 451, 503].map((responseCode) => isPermanentRefusal({ responseCode }))).toEqual([false, false, false]);
    expect(isPermanentRefusal(new Error("Connection closed"))).toBe(false);
    expect(isPermanentRefusal(null)).toBe(false);
  });
});
