// The OpenAPI 3.1 document of the JSON API (served at /api/v1/openapi.json). Its schemas are JSON Schema 2020-12; the
// tests validate every answer of the API against them, so the document and the handlers cannot drift apart.
import { setting } from "@/lib/env";
import { countries, itemTypes, locales } from "@/lib/content/schema";
import { MAX_PAGE, sorts } from "@/lib/search/params";
import { DEFAULT_LIMIT, MAX_LIMIT } from "./queries";
import { cachePolicies } from "./http";

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str: Schema = { type: "string" };
const nullable = (schema: Schema): Schema => ({ anyOf: [schema, { type: "null" }] });
const nullableStr: Schema = { type: ["string", "null"] };
const dateTime: Schema = { type: "string", format: "date-time" };
const uri: Schema = { type: "string", format: "uri" };
const slug: Schema = { type: "string", pattern: "^[a-z0-9]+(?:-[a-z0-9]+)*$" };
const locale: Schema = { type: "string", enum: [...locales] };
const country: Schema = { type: "string", enum: [...countries] };
const itemType: Schema = { type: "string", enum: [...itemTypes] };
const bilingual = (schema: Schema): Schema => object({ da: schema, sv: schema });

// An object with exactly these properties, all required
function object(properties: Record<string, Schema>, extra: Schema = {}): Schema {
  return { type: "object", properties, required: Object.keys(properties), additionalProperties: false, ...extra };
}

const listOf = (name: string): Schema => object({ items: { type: "array", items: ref(name) } });

const itemSummaryProperties = {
  id: { type: "string", format: "uuid" },
  type: itemType,
  locale,
  slug,
  title: str,
  summary: str,
  publishedAt: nullable(dateTime),
  updatedAt: dateTime,
  year: { type: ["integer", "null"] },
  country: nullable(country),
  topics: { type: "array", items: slug, description: "Slugs of the item's topics (see /topics)." },
  places: { type: "array", items: slug, description: "Slugs of the item's places (see /places)." },
  url: { ...uri, description: "The item's page in its own language." },
  apiUrl: uri,
  translation: nullable(ref("TranslationLink")),
};

const segments: Schema = { type: "array", items: object({ text: str, hit: { type: "boolean" } }) };
const facet: Schema = {
  type: "array",
  items: {
    type: "object",
    properties: { value: str, count: { type: "integer", minimum: 0 }, label: str },
    required: ["value", "count"],
    additionalProperties: false,
  },
};

const searchHit = object({
  id: { type: "string", format: "uuid" },
  type: itemType,
  locale,
  slug,
  title: str,
  snippet: str,
  highlights: object({ title: segments, snippet: segments }),
  publishedAt: nullable(dateTime),
  year: { type: ["integer", "null"] },
  country: nullable(country),
  url: uri,
  apiUrl: uri,
  alsoIn: nullable(object({ locale, title: str, url: uri })),
});

const schemas: Record<string, Schema> = {
  Problem: {
    type: "object",
    description: "An RFC 9457 problem document.",
    properties: {
      type: str,
      title: str,
      status: { type: "integer" },
      detail: str,
      instance: str,
      errors: { type: "array", items: object({ parameter: str, detail: str }) },
    },
    required: ["type", "title", "status"],
    additionalProperties: false,
  },
  TranslationLink: object({ id: { type: "string", format: "uuid" }, locale, url: uri, apiUrl: uri }),
  ItemSummary: object(itemSummaryProperties),
  Item: object({
    ...itemSummaryProperties,
    body: { type: "string", description: "The body as Markdown." },
    html: { type: "string", description: "The body as sanitized HTML." },
    pages: { type: ["integer", "null"] },
    isbn: nullableStr,
    periodStart: nullable({ type: "string", format: "date" }),
    periodEnd: nullable({ type: "string", format: "date" }),
    budget: nullable(object({ amount: { type: "number" }, currency: { type: "string", pattern: "^[A-Z]{3}$" } })),
    documentType: nullableStr,
    sourceUrl: nullableStr,
    diaryNumber: nullableStr,
    keyFigures: { type: "array", items: object({ label: str, value: str }) },
    sourceDate: { type: ["string", "null"], pattern: "^\\d{4}(-\\d{2}(-\\d{2})?)?$" },
    sources: {
      type: "array",
      items: {
        type: "object",
        properties: { title: str, issuer: str, year: { type: "integer" }, pages: str, note: str },
        required: ["title"],
        additionalProperties: false,
      },
    },
    editorialNote: nullableStr,
    adviser: nullable(slug),
    organisations: {
      type: "array",
      items: object({
        slug,
        role: {
          type: "string",
          enum: ["publisher", "author", "commissioner", "funder", "partner", "owner", "issuer"],
        },
      }),
    },
    attachments: {
      type: "array",
      items: object({
        title: str,
        fileName: str,
        mimeType: str,
        sizeBytes: { type: "integer", minimum: 0 },
        url: nullable(uri),
      }),
    },
    related: { type: "array", items: ref("TranslationLink"), description: "Published related items." },
  }),
  ItemPage: object({
    items: { type: "array", items: ref("ItemSummary") },
    total: { type: "integer", minimum: 0, description: "How many items match the filters in all." },
    nextCursor: { ...nullableStr, description: "Pass as `cursor` for the next page; null on the last page." },
    next: nullable(uri),
  }),
  SearchResult: object({
    query: str,
    locale,
    capped: { type: "boolean", description: "The query was longer than searched and was cut." },
    narrow: { type: "boolean" },
    noSearchableWords: { type: "boolean" },
    approximate: { type: "boolean", description: "Total and facet counts are estimates." },
    total: { type: "integer", minimum: 0 },
    page: { type: "integer", minimum: 1 },
    pageCount: { type: "integer", minimum: 1 },
    widened: {
      type: "array",
      description: "The glossary widening applied: words the glossary knows and what was searched for as well.",
      items: object({ slug, matched: str, language: locale, added: { type: "array", items: str } }),
    },
    suggestion: nullableStr,
    results: { type: "array", items: searchHit },
    similar: { type: "array", items: searchHit },
    facets: object({ type: facet, topic: facet, country: facet, lang: facet, year: facet }),
  }),
  Topic: object({
    slug,
    name: bilingual(str),
    description: bilingual(str),
    itemCount: { type: "integer", minimum: 0 },
  }),
  GlossaryTerm: object({
    slug,
    falseFriend: {
      type: "boolean",
      description: "Words that look alike and mean different things; the explanations are the editors' own text.",
    },
    da: object({ term: str, synonyms: { type: "array", items: str }, explanation: str }),
    sv: object({ term: str, synonyms: { type: "array", items: str }, explanation: str }),
  }),
  Adviser: object({
    slug,
    name: str,
    title: bilingual(str),
    organisation: nullable(slug),
    email: nullable({ type: "string", format: "email" }),
    phone: nullableStr,
    languages: { type: "array", items: locale },
    topics: { type: "array", items: slug },
  }),
  Organisation: object({ slug, name: str, shortName: nullableStr, country: nullable(country), url: nullableStr }),
  Place: object({
    slug,
    name: str,
    kind: { type: "string", enum: ["municipality", "region", "country", "city"] },
    country,
    parent: nullable(slug),
  }),
  TopicList: listOf("Topic"),
  GlossaryList: listOf("GlossaryTerm"),
  AdviserList: listOf("Adviser"),
  OrganisationList: listOf("Organisation"),
  PlaceList: listOf("Place"),
};

const problemResponse = (description: string, headers: Schema = {}) => ({
  description,
  headers: { "Cache-Control": { schema: str }, ...headers },
  content: { "application/problem+json": { schema: ref("Problem") } },
});

function getOperation(
  id: string,
  summary: string,
  schema: string,
  policy: keyof typeof cachePolicies,
  params: Schema[],
) {
  const headers = {
    ETag: { description: "Strong validator; send it back in If-None-Match.", schema: str },
    "Cache-Control": { description: `\`${cachePolicies[policy]}\``, schema: str },
    "Access-Control-Allow-Origin": { schema: { const: "*" } },
  };
  return {
    get: {
      operationId: id,
      summary,
      parameters: [...params, { $ref: "#/components/parameters/IfNoneMatch" }],
      responses: {
        "200": { description: "OK", headers, content: { "application/json": { schema: ref(schema) } } },
        "304": { description: "Not modified: the ETag given in If-None-Match is current.", headers },
        "400": problemResponse("A query parameter is unknown, repeated or malformed."),
        ...(schema === "Item" ? { "404": problemResponse("No published item at this address.") } : {}),
        "429": problemResponse("The client's rate limit is used up.", {
          "Retry-After": { description: "Seconds until the limit opens again.", schema: { type: "integer" } },
        }),
      },
    },
  };
}

const query = (name: string, schema: Schema, description: string, extra: Schema = {}) => ({
  name,
  in: "query",
  required: false,
  description,
  schema,
  ...extra,
});

const filterParams = [
  query("type", itemType, "Only items of this type."),
  query("topic", slug, "Only items on this topic (a slug from /topics)."),
  query("country", country, "Only items about this country."),
  query("year", { type: "integer", minimum: 1900, maximum: 2100 }, "Only items of this year."),
  query("lang", locale, "Only items written in this language."),
];

// The OpenAPI document, with absolute addresses on the given site
export function openApiDocument(base: string) {
  const licence = setting("API_DATA_LICENCE");
  const licenceUrl = setting("API_DATA_LICENCE_URL");
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Knowledge base on municipalities and social enterprises: open data API",
      version: "1.0.0",
      summary: "The published catalogue in Danish and Swedish, read-only.",
      description:
        "Every published item, topic, glossary term, adviser, organisation and place. GET only, no key, CORS open. " +
        `Answers carry an ETag (send If-None-Match for a 304) and a Cache-Control fitting the resource. Each client may ` +
        `make ${setting("API_RATE_LIMIT")} requests a minute; beyond that the answer is 429 with Retry-After. Errors are ` +
        `RFC 9457 problem documents. The data are published under ${licence} (${licenceUrl}).`,
      license: { name: licence, url: licenceUrl },
    },
    servers: [{ url: `${base}/api/v1` }],
    externalDocs: { description: "Documentation (da)", url: `${base}/da/aabne-data` },
    paths: {
      "/items": getOperation("listItems", "Published items of both languages, newest first", "ItemPage", "list", [
        ...filterParams,
        query("municipality", slug, "Only items about this municipality (a place slug)."),
        query("limit", { type: "integer", minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT }, "Page size."),
        query("cursor", str, "The `nextCursor` of the previous page."),
      ]),
      "/items/{id}": getOperation("getItem", "One published item by its stable id", "Item", "item", [
        { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } },
      ]),
      "/items/by-slug/{locale}/{slug}": getOperation(
        "getItemBySlug",
        "One published item by its language and slug",
        "Item",
        "item",
        [
          { name: "locale", in: "path", required: true, schema: locale },
          { name: "slug", in: "path", required: true, schema: slug },
          query("type", itemType, "Needed only when items of several types share the slug (else 409)."),
        ],
      ),
      "/search": getOperation("search", "Full-text search, as on the site's search page", "SearchResult", "list", [
        query("q", { type: "string", maxLength: 2000 }, "The query (cut at 200 characters; `capped` says so)."),
        query("locale", { ...locale, default: "da" }, "The reader's language: of a translated pair, this version."),
        ...filterParams,
        query("sort", { type: "string", enum: [...sorts] }, "Relevance (default) or newest first."),
        query("page", { type: "integer", minimum: 1, maximum: MAX_PAGE, default: 1 }, "Page of 10 hits."),
        query("narrow", { type: "string", enum: ["0", "1"], default: "0" }, "1: no glossary widening."),
      ]),
      "/topics": getOperation("listTopics", "Every topic", "TopicList", "reference", []),
      "/glossary": getOperation("listGlossary", "The Danish–Swedish glossary", "GlossaryList", "reference", []),
      "/advisers": getOperation("listAdvisers", "Advisers' public fields", "AdviserList", "reference", []),
      "/organisations": getOperation("listOrganisations", "Every organisation", "OrganisationList", "reference", []),
      "/places": getOperation("listPlaces", "Every place", "PlaceList", "reference", []),
    },
    components: {
      schemas,
      parameters: {
        IfNoneMatch: { name: "If-None-Match", in: "header", required: false, schema: str },
      },
    },
  };
}
