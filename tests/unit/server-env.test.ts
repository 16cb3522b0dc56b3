// What `npm start` hands the Next server: one database connection on the embedded database (its socket server mixes
// up several connections' queries, electric-sql/pglite#1046), the pool size as set on a real PostgreSQL.
import { describe, expect, it } from "vitest";
import { serverEnv } from "@/scripts/server-env";

// A parent process's environment holding just these settings
const parent = (settings: Record<string, string>) => settings as unknown as NodeJS.ProcessEnv;

describe("npm start's server environment", () => {
  const secrets = { FORM_SECRET: "s" };

  it("gives the app one connection to the embedded database, unless a pool size is set", () => {
    const embedded = { embedded: true, url: "postgresql://u@localhost/db?host=/tmp/x" };
    expect(serverEnv(embedded, "3000", secrets, parent({})).DATABASE_POOL_SIZE).toBe("1");
    expect(serverEnv(embedded, "3000", secrets, parent({ DATABASE_POOL_SIZE: "4" })).DATABASE_POOL_SIZE).toBe("4");
  });

  it("leaves a real PostgreSQL's pool as configured, and names the database, address and port", () => {
    const env = serverEnv({ embedded: false, url: "postgresql://db/kb" }, "3100", secrets, parent({}));
    expect(env.DATABASE_POOL_SIZE).toBeUndefined();
    expect(env).toMatchObject({
      DATABASE_URL: "postgresql://db/kb",
      SITE_URL: "http://localhost:3100",
      PORT: "3100",
      FORM_SECRET: "s",
    });
  });
});
