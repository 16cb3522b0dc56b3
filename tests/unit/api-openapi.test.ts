import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";
import { openApiChecker } from "../helpers/openapi";

const check = openApiChecker(openApiDocument("http://kb.test"));
const json = (status: number, body: unknown, type = "application/json", headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: {
      "Content-Type": type,
      ETag: '"x"',
      "Cache-Control": "public",
      "Access-Control-Allow-Origin": "*",
      ...headers,
    },
  });

const place = { slug: "testby", name: "Testby", kind: "municipality", country: "DK", parent: null };

describe("the API's OpenAPI document and the check the tests run with it", () => {
  it("is OpenAPI 3.1 with JSON Schema 2020-12 and every path's schemas resolvable", async () => {
    const doc = openApiDocument("http://kb.test");
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.jsonSchemaDialect).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(await check("/places", json(200, { items: [place] }))).toEqual({ items: [place] });
  });

  it("rejects a body missing a field, with an extra field, or of a wrong type", async () => {
    const missing: Partial<typeof place> = { ...place };
    delete missing.parent;
    await expect(check("/places", json(200, { items: [missing] }))).rejects.toThrow(/parent/);
    await expect(check("/places", json(200, { items: [{ ...place, secret: 1 }] }))).rejects.toThrow(/additional/);
    await expect(check("/places", json(200, { items: [{ ...place, kind: "planet" }] }))).rejects.toThrow(/allowed/);
  });

  it("rejects an undeclared status, media type or missing header", async () => {
    await expect(check("/places", json(418, {}))).rejects.toThrow(/418/);
    await expect(check("/places", json(200, { items: [] }, "text/plain"))).rejects.toThrow(/media type/);
    const noEtag = new Response(JSON.stringify({ items: [] }), { headers: { "Content-Type": "application/json" } });
    await expect(check("/places", noEtag)).rejects.toThrow(/ETag/);
    await expect(
      check("/places", json(429, { type: "t", title: "t", status: 429 }, "application/problem+json")),
    ).rejects.toThrow(/Retry-After/);
  });
});
