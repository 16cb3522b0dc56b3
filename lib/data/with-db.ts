import "server-only";
import { db } from "@/lib/db";
import type { Db } from "@/lib/database/client";

// A function that takes a client as its first argument, bound to the app's client (obtained at each call): how
// lib/data/ gives pages and route handlers their entry points while the functions beneath stay testable on any database
export function withDb<A extends unknown[], R>(fn: (client: Db, ...args: A) => R): (...args: A) => R {
  return (...args) => fn(db(), ...args);
}
