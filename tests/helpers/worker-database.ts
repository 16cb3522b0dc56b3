// Vitest's setup for each worker: with DATABASE_URL set, the worker takes a database of its own on that server
// (<name>_w<worker>), so that test files run side by side; each integration file empties and fills the catalogue
// tables of the database it uses. Everything in the worker (its clients, the processes it starts) then uses that one.
import pg from "pg";

const base = process.env.DATABASE_URL;
const worker = process.env.VITEST_POOL_ID;

async function ensureDatabase(adminUrl: string, name: string) {
  for (let attempt = 1; ; attempt++) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "42P04") return; // it exists: an earlier file of this worker made it
      // Two workers copying the template at the same moment: try again shortly
      if (code !== "55006" || attempt >= 20) throw error;
    } finally {
      await admin.end();
    }
    await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
  }
}

if (base && worker && !base.includes(`_w${worker}`)) {
  const url = new URL(base);
  const name = `${decodeURIComponent(url.pathname.slice(1))}_w${worker}`;
  await ensureDatabase(base, name);
  url.pathname = `/${encodeURIComponent(name)}`;
  process.env.DATABASE_URL = url.toString();
}
