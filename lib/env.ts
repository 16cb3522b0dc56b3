import { z } from "zod";

const schema = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  SITE_URL: z.url().default("http://localhost:3000"),
});

export type Env = z.infer<typeof schema>;

let parsed: Env | undefined;

// Parse the server's environment once, failing with the variable's name when it is wrong
export function env(): Env {
  if (parsed) return parsed;
  const result = schema.safeParse(process.env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(
      `Invalid environment (${problems}). Start the site with \`npm start\`, which provides the embedded database, or set DATABASE_URL.`,
    );
  }
  parsed = result.data;
  return parsed;
}

const siteUrlSchema = z.url({ protocol: /^https?$/ }).default("http://localhost:3000");

// The site's public address without a trailing slash; read alone, so that it needs no database settings
export function siteUrl(): string {
  const result = siteUrlSchema.safeParse(process.env.SITE_URL);
  if (!result.success) throw new Error(`Invalid environment (SITE_URL: ${result.error.issues[0]?.message}).`);
  return result.data.replace(/\/+$/, "");
}
