// Where a PostgreSQL connection string leads, for relays in tests: a Unix socket (the embedded database's
// `?host=/folder`) or a TCP address; and the same string pointed at a relay on loopback.
import type { NetConnectOpts } from "node:net";
import { socketPath } from "@/lib/database/embedded";

export function databaseTarget(url: string): NetConnectOpts {
  const parsed = new URL(url);
  const socketDir = parsed.searchParams.get("host");
  if (socketDir?.startsWith("/")) return { path: socketPath(socketDir) };
  return { host: parsed.hostname, port: Number(parsed.port || 5432) };
}

export function throughRelay(url: string, port: number): string {
  const parsed = new URL(url);
  parsed.searchParams.delete("host");
  parsed.hostname = "127.0.0.1";
  parsed.port = String(port);
  return parsed.toString();
}
