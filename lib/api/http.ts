// How every route of the JSON API answers: GET and HEAD only (OPTIONS for CORS preflights, any other method a 405),
// CORS open to every origin, a per-client rate limit kept in PostgreSQL (lib/rate-limit.ts), JSON with a strong ETag
// and 304 for a matching If-None-Match, Cache-Control by kind of resource, and RFC 9457 problem documents for errors.
import "server-only";
import { createHash } from "node:crypto";
import type { z } from "zod";
import { db } from "@/lib/db";
import { setting } from "@/lib/env";
import { takeToken, type RateLimit } from "@/lib/rate-limit";
import { logger } from "@/lib/server/log";
import { problem, ProblemError, problemType, type Problem } from "./problem";

/** How long each kind of answer may be kept by browsers and shared caches (nginx honours it, see the deploy docs). */
export const cachePolicies = {
  // Lists and searches change whenever an item is published.
  list: "public, max-age=60, stale-while-revalidate=60",
  item: "public, max-age=300, stale-while-revalidate=60",
  // Topics, glossary, advisers, organisations and places change rarely.
  reference: "public, max-age=3600, stale-while-revalidate=600",
  document: "public, max-age=86400",
} as const;

export type CachePolicy = keyof typeof cachePolicies;

const allowed = "GET, HEAD, OPTIONS";
const corsHeaders = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": "ETag, Retry-After, Cache-Control",
};

// The API's limit per client and minute, read when a request comes
export function apiRateLimit(): RateLimit {
  return { name: "api", limit: setting("API_RATE_LIMIT"), windowSeconds: 60 };
}

// The strong validator of a body
export function etagOf(body: string): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
}

// Whether an If-None-Match header names the given ETag (weak comparison, as RFC 9110 asks for GET)
export function matchesEtag(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => bare(tag) === bare(etag));
}

function problemResponse(body: Problem, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { "Content-Type": problemType, "Cache-Control": "no-store", ...corsHeaders, ...extra },
  });
}

/** A route's read: the request's URL and the path parameters, giving the JSON value to send. */
export type Read<P> = (url: URL, params: P) => Promise<unknown>;

// The handlers of one API route: GET and HEAD run the read, OPTIONS answers preflights, other methods get a 405
export function apiRoute<P extends object = Record<string, unknown>>(policy: CachePolicy, read: Read<P>) {
  const get = async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    const url = new URL(request.url);
    const instance = url.pathname;
    try {
      const client = request.headers.get("x-forwarded-for") ?? "unknown";
      const limit = await takeToken(db(), apiRateLimit(), client);
      if (!limit.allowed) {
        const seconds = String(limit.retryAfterSeconds);
        return problemResponse(
          problem(
            "rate-limited",
            `At most ${apiRateLimit().limit} requests a minute; try again in ${seconds} s.`,
            instance,
          ),
          { "Retry-After": seconds },
        );
      }
      const data = await read(url, await context.params);
      const body = JSON.stringify(data);
      const etag = etagOf(body);
      const headers = { "Cache-Control": cachePolicies[policy], ETag: etag, ...corsHeaders };
      if (matchesEtag(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
      return new Response(request.method === "HEAD" ? null : body, {
        status: 200,
        headers: { ...headers, "Content-Type": "application/json; charset=utf-8" },
      });
    } catch (error) {
      if (error instanceof ProblemError)
        return problemResponse(problem(error.kind, error.message, instance, error.errors));
      logger.error({ err: error, path: instance }, "API request failed");
      return problemResponse(problem("internal", "The request could not be answered; try again later.", instance));
    }
  };
  return {
    GET: get,
    HEAD: get,
    OPTIONS: preflight,
    POST: notAllowed,
    PUT: notAllowed,
    PATCH: notAllowed,
    DELETE: notAllowed,
  };
}

// Answer a CORS preflight: GET and HEAD from any origin, with the conditional request header
export async function preflight(): Promise<Response> {
  return new Response(null, {
    status: 204,
    headers: {
      ...corsHeaders,
      Allow: allowed,
      "Access-Control-Allow-Methods": allowed,
      "Access-Control-Allow-Headers": "If-None-Match, Accept",
      "Access-Control-Max-Age": "86400",
    },
  });
}

// Refuse a method that writes: the API is read-only
export async function notAllowed(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname;
  return problemResponse(problem("method-not-allowed", `The API is read-only; use ${allowed}.`, path), {
    Allow: allowed,
  });
}

// Read the query string with a zod object schema; anything unknown, repeated or malformed is a 400 naming the parameter
export function parseQuery<T extends z.ZodType>(url: URL, schema: T): z.output<T> {
  const raw: Record<string, string> = {};
  const errors: NonNullable<Problem["errors"]> = [];
  for (const [name, value] of url.searchParams) {
    if (name in raw) errors.push({ parameter: name, detail: "given more than once" });
    raw[name] = value;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) errors.push({ parameter: key, detail: "unknown parameter" });
      } else errors.push({ parameter: String(issue.path[0] ?? "query"), detail: issue.message });
    }
  }
  if (errors.length || !parsed.success) {
    throw new ProblemError(
      "bad-request",
      `The query parameters could not be read: ${errors.map((e) => e.parameter).join(", ")}.`,
      errors,
    );
  }
  return parsed.data;
}
