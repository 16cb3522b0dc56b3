import { describe, expect, test } from "vitest";
import { securityTxt } from "@/lib/security-txt";

const now = new Date("2026-11-30T12:00:00Z");
const site = "https://kb.example.org";

describe("security.txt (RFC 9116) from the deployer's settings", () => {
  test("is not served while no contact is set", () => {
    expect(securityTxt({}, site, now)).toBeNull();
    expect(securityTxt({ SECURITY_CONTACT: " " }, site, now)).toBeNull();
  });

  test("names every contact, the expiry, the languages and its canonical address", () => {
    const text = securityTxt(
      {
        SECURITY_CONTACT: "security@example.org, https://example.org/report",
        SECURITY_EXPIRES: "2027-06-30T00:00:00Z",
        SECURITY_POLICY: "https://example.org/policy",
        SECURITY_ENCRYPTION: "https://example.org/pgp.asc",
      },
      site,
      now,
    );
    expect(text).toBe(
      [
        "Contact: mailto:security@example.org",
        "Contact: https://example.org/report",
        "Expires: 2027-06-30T00:00:00Z",
        "Encryption: https://example.org/pgp.asc",
        "Preferred-Languages: da, sv, en",
        "Canonical: https://kb.example.org/.well-known/security.txt",
        "Policy: https://example.org/policy",
        "",
      ].join("\n"),
    );
  });

  test("expires 180 days after now when no date is set", () => {
    expect(securityTxt({ SECURITY_CONTACT: "a@example.org" }, site, now)).toContain("Expires: 2027-05-29T12:00:00Z\n");
  });

  test("refuses a malformed setting, naming it", () => {
    expect(() => securityTxt({ SECURITY_CONTACT: "a@example.org", SECURITY_EXPIRES: "soon" }, site, now)).toThrow(
      /SECURITY_EXPIRES/,
    );
  });
});
