import { z } from "zod";

const list = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);

const settingsSchema = z.object({
  SECURITY_CONTACT: z.string().optional(),
  SECURITY_EXPIRES: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  SECURITY_PREFERRED_LANGUAGES: z.string().default("da, sv, en"),
  SECURITY_POLICY: z.url().optional(),
  SECURITY_ENCRYPTION: z.url().optional(),
  SECURITY_ACKNOWLEDGMENTS: z.url().optional(),
});

const defaultLifetimeDays = 180;

// The text of /.well-known/security.txt (RFC 9116) from the deployer's settings, or null when no contact is set.
// A bare e-mail address becomes a mailto: URI; without SECURITY_EXPIRES the file expires 180 days after `now`.
export function securityTxt(
  environment: Record<string, string | undefined>,
  siteUrl: string,
  now: Date,
): string | null {
  const result = settingsSchema.safeParse(environment);
  if (!result.success) {
    const problem = result.error.issues[0]!;
    throw new Error(`Invalid environment (${problem.path.join(".")}: ${problem.message}).`);
  }
  const settings = result.data;
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
