import { setting } from "@/lib/env";

const list = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);

const defaultLifetimeDays = 180;

// The text of /.well-known/security.txt (RFC 9116) from the deployer's settings, or null when no contact is set.
// A bare e-mail address becomes a mailto: URI; without SECURITY_EXPIRES the file expires 180 days after `now`.
export function securityTxt(
  environment: Record<string, string | undefined>,
  siteUrl: string,
  now: Date,
): string | null {
  // The settings are part of the one schema of lib/env.ts; a wrong value throws naming it.
  const settings = {
    SECURITY_CONTACT: setting("SECURITY_CONTACT", environment),
    SECURITY_EXPIRES: setting("SECURITY_EXPIRES", environment),
    SECURITY_PREFERRED_LANGUAGES: setting("SECURITY_PREFERRED_LANGUAGES", environment),
    SECURITY_POLICY: setting("SECURITY_POLICY", environment),
    SECURITY_ENCRYPTION: setting("SECURITY_ENCRYPTION", environment),
    SECURITY_ACKNOWLEDGMENTS: setting("SECURITY_ACKNOWLEDGMENTS", environment),
  };
  const contacts = list(settings.SECURITY_CONTACT).map((c) => (/^[^:@\s]+@[^@\s]+$/.test(c) ? `mailto:${c}` : c));
  if (contacts.length === 0) return null;
  const expires = settings.SECURITY_EXPIRES
    ? new Date(settings.SECURITY_EXPIRES)
    : new Date(now.getTime() + defaultLifetimeDays * 86_400_000);
  const lines = [
    ...contacts.map((c) => `Contact: ${c}`),
    `Expires: ${expires.toISOString().replace(/\.\d{3}Z$/, "Z")}`,
    ...(settings.SECURITY_ENCRYPTION ? [`Encryption: ${settings.SECURITY_ENCRYPTION}`] : []),
    ...(settings.SECURITY_ACKNOWLEDGMENTS ? [`Acknowledgments: ${settings.SECURITY_ACKNOWLEDGMENTS}`] : []),
    `Preferred-Languages: ${list(settings.SECURITY_PREFERRED_LANGUAGES).join(", ")}`,
    `Canonical: ${siteUrl}/.well-known/security.txt`,
    ...(settings.SECURITY_POLICY ? [`Policy: ${settings.SECURITY_POLICY}`] : []),
  ];
  return `${lines.join("\n")}\n`;
}
