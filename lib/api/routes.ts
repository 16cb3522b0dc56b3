// The JSON API's routes (app/api/v1/**/route.ts re-export these): each parses its input, reads through the app's
// database client and answers through apiRoute (lib/api/http.ts).
import "server-only";
import { db } from "@/lib/db";
import { siteUrl } from "@/lib/seo/urls";
import { apiRoute, parseQuery } from "./http";
import { ProblemError } from "./problem";
import {
  getApiItem,
  listApiAdvisers,
  listApiGlossary,
  listApiItems,
  listApiOrganisations,
  listApiPlaces,
  listApiTopics,
} from "./catalogue";
import { searchApi } from "./search";
import { openApiDocument } from "./openapi";
import {
  emptyQuerySchema,
  itemBySlugQuerySchema,
  itemPathSchema,
  itemsQuerySchema,
  searchQuerySchema,
  slugPathSchema,
} from "./queries";
import type { z } from "zod";

function pathParams<T extends z.ZodType>(schema: T, params: unknown): z.output<T> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new ProblemError("not-found", "No published item has this address.");
  return parsed.data;
}

const list = (read: () => Promise<unknown[]>) =>
  apiRoute("reference", async (url) => {
    parseQuery(url, emptyQuerySchema);
    return { items: await read() };
  });

// GET /api/v1/items
export const itemsRoute = apiRoute("list", async (url) => {
  const query = parseQuery(url, itemsQuerySchema);
  const base = siteUrl();
  const page = await listApiItems(db(), base, query);
  let next: string | null = null;
  if (page.nextCursor) {
    const nextUrl = new URL("/api/v1/items", base);
    for (const [name, value] of url.searchParams) if (name !== "cursor") nextUrl.searchParams.set(name, value);
    nextUrl.searchParams.set("cursor", page.nextCursor);
    next = nextUrl.toString();
  }
  return { ...page, next };
});

// GET /api/v1/items/{id}
export const itemRoute = apiRoute<{ id: string }>("item", async (url, params) => {
  parseQuery(url, emptyQuerySchema);
  const { id } = pathParams(itemPathSchema, params);
  const item = await getApiItem(db(), siteUrl(), { id });
  if (!item) throw new ProblemError("not-found", "No published item has this id.");
  return item;
});

// GET /api/v1/items/by-slug/{locale}/{slug}
export const itemBySlugRoute = apiRoute<{ locale: string; slug: string }>("item", async (url, params) => {
  const { type } = parseQuery(url, itemBySlugQuerySchema);
  const { locale, slug } = pathParams(slugPathSchema, params);
  const item = await getApiItem(db(), siteUrl(), { locale, slug, ...(type ? { type } : {}) });
  if (!item) throw new ProblemError("not-found", "No published item has this language and slug.");
  return item;
});

// GET /api/v1/search
export const searchRoute = apiRoute("list", async (url) => {
  const query = parseQuery(url, searchQuerySchema);
  return searchApi(db(), siteUrl(), query);
});

// GET /api/v1/topics, /glossary, /advisers, /organisations, /places
export const topicsRoute = list(() => listApiTopics(db()));
export const glossaryRoute = list(() => listApiGlossary(db()));
export const advisersRoute = list(() => listApiAdvisers(db()));
export const organisationsRoute = list(() => listApiOrganisations(db()));
export const placesRoute = list(() => listApiPlaces(db()));

// GET /api/v1/openapi.json
export const openApiRoute = apiRoute("document", async (url) => {
  parseQuery(url, emptyQuerySchema);
  return openApiDocument(siteUrl());
});

// Any other path under /api/v1
export const unknownRoute = apiRoute("document", async (url) => {
  throw new ProblemError("not-found", `There is no API resource at ${url.pathname}.`);
});
