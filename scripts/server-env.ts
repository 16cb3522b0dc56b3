// The environment `npm start` gives the Next server it starts: the database it opened, the site's address, the local
// secrets, and what the embedded database needs.

export function serverEnv(
  database: { embedded: boolean; url: string },
  port: string,
  secrets: Record<string, string>,
  base: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  return {
    ...base,
    ...secrets,
    // The embedded database's socket server runs the messages of all its connections through one session and keeps
    // them apart only inside a transaction, so two connections' queries can cross (electric-sql/pglite#1046: "unnamed
    // prepared statement does not exist"). One connection per process keeps them apart; PGlite runs one statement at a
    // time anyway.
    ...(database.embedded && !base.DATABASE_POOL_SIZE ? { DATABASE_POOL_SIZE: "1" } : {}),
    DATABASE_URL: database.url,
    SITE_URL: base.SITE_URL ?? `http://localhost:${port}`,
    PORT: port,
  };
}
