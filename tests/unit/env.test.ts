import { describe, expect, it } from "vitest";
import { parseSettings, setting, SettingsError } from "@/lib/env";

describe("settings", () => {
  it("give the newcomer's defaults when nothing is set, and count an empty variable as unset", () => {
    const settings = parseSettings({ CONTACT_RATE_LIMIT: "" });
    expect(settings).toMatchObject({
      PORT: 3000,
      DATABASE_POOL_SIZE: 10,
      CONTENT_DIR: "content",
      MAIL_FROM: "Socialøkonomi i kommunerne <no-reply@localhost>",
      MAIL_INTERVAL_SECONDS: 30,
      MAIL_MAX_ATTEMPTS: 8,
      CONTACT_RETENTION_DAYS: 180,
      CONTACT_RATE_LIMIT: 5,
      FEEDBACK_RATE_LIMIT: 20,
      FORM_MIN_FILL_SECONDS: 3,
      UPLOAD_MAX_MB: 20,
      LOGIN_RATE_LIMIT: 30,
      SESSION_IDLE_MINUTES: 30,
      STAFF_TOTP_EDITORS: "required",
      CACHE_MEMORY_MB: 48,
      LOG_LEVEL: "info",
      BIND_HOST: "127.0.0.1",
    });
    expect(settings.DATABASE_URL).toBeUndefined();
    expect(settings.SITE_URL).toBeUndefined();
  });

  it("read numbers, addresses and choices from their text", () => {
    const settings = parseSettings({
      PORT: "4100",
      DATABASE_URL: "postgresql://u@db.example:5432/kb",
      SITE_URL: "https://kb.example",
      SMTP_URL: "smtps://user:pass@mail.example:465",
      UPLOAD_MAX_MB: "2.5",
      STAFF_TOTP_EDITORS: " Optional ",
    });
    expect(settings).toMatchObject({
      PORT: 4100,
      DATABASE_URL: "postgresql://u@db.example:5432/kb",
      SITE_URL: "https://kb.example",
      UPLOAD_MAX_MB: 2.5,
      STAFF_TOTP_EDITORS: "optional",
    });
  });

  it("refuse wrong values with one line per variable naming it, what is wrong and the value", () => {
    let caught: unknown;
    try {
      parseSettings({ PORT: "eighty", DATABASE_URL: "mysql://x/y", CONTACT_RETENTION_DAYS: "0", LOG_LEVEL: "loud" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SettingsError);
    const { problems, message } = caught as SettingsError;
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual([
      "CONTACT_RETENTION_DAYS",
      "DATABASE_URL",
      "LOG_LEVEL",
      "PORT",
    ]);
    expect(problems.find((p) => p.startsWith("PORT"))).toContain('(it is "eighty")');
    expect(message).toMatch(/^Invalid settings/);
    expect(message).toContain("CONTACT_RETENTION_DAYS");
  });

  it("refuse a second-factor key shorter than 32 characters, and a mail deadline that is not a number", () => {
    expect(() => parseSettings({ STAFF_TOTP_KEY: "short" })).toThrow(/STAFF_TOTP_KEY: must be at least 32 characters/);
    expect(() => parseSettings({ MAIL_TIMEOUT_SECONDS: "soon" })).toThrow(/MAIL_TIMEOUT_SECONDS/);
  });

  it("read one setting as the environment is now, naming it when it is wrong", () => {
    expect(setting("SESSION_IDLE_MINUTES", {})).toBe(30);
    expect(setting("SESSION_IDLE_MINUTES", { SESSION_IDLE_MINUTES: "45" })).toBe(45);
    expect(() => setting("SESSION_IDLE_MINUTES", { SESSION_IDLE_MINUTES: "-5" })).toThrow(
      /SESSION_IDLE_MINUTES: .*"-5"/,
    );
  });
});
