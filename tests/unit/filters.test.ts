import { describe, expect, it } from "vitest";
import { filtersFromSegment, filtersToSegment, parseFilters } from "@/lib/catalogue/filters";
import { resolveLocalizedPath } from "@/lib/i18n/route-rules";

describe("filtered listing segments", () => {
  it("reads back exactly what filtersToSegment writes, and 'all' as no filters", () => {
    const filters = parseFilters(new URLSearchParams("lang=sv&year=2021&topic=work-integration&country=DK&page=3"));
    const segment = filtersToSegment(filters);
    expect(segment).toBe("topic=work-integration;country=DK;year=2021;lang=sv;page=3");
    expect(filtersFromSegment(segment)).toEqual(filters);
    expect(filtersFromSegment(encodeURIComponent(segment))).toEqual(filters);
    expect(filtersFromSegment("all")).toEqual({});
  });

  it.each([
    ["a stray percent sign", "topic=%"],
    ["a broken escape", "year=20%2"],
    ["overlong UTF-8", "topic=%C0%AE%C0%AE"],
    ["another order", "year=2021;topic=work-integration"],
    ["an unknown parameter", "topic=work-integration;utm=x"],
    ["a malformed value dropped", "topic=work-integration;year=abc"],
    ["a value out of range", "year=1800"],
    ["free text", "anything-at-all"],
    ["an empty segment", ""],
    ["a repeated parameter", "topic=a;topic=b"],
    ["a script", "topic=<script>alert(1)</script>"],
    ["path tricks", "..%2F..%2Fetc%2Fpasswd"],
  ])("refuses %s", (_name, segment) => {
    expect(filtersFromSegment(segment)).toBeNull();
  });
});

describe("filtered listing routes requested directly", () => {
  it("serve a canonical segment as it is", () => {
    expect(resolveLocalizedPath("/da/articles/filter/topic=work-integration;year=2021")).toBeNull();
    expect(resolveLocalizedPath("/sv/topics/upphandling/filter/year=2021")).toBeNull();
    expect(resolveLocalizedPath("/da/articles/filter/all")).toBeNull();
  });

  it.each([
    ["/da/articles/filter/topic=%", "/da/artikler"],
    ["/da/articles/filter/%", "/da/artikler"],
    ["/sv/cases/filter/year=2021;topic=work-integration", "/sv/fall?topic=work-integration&year=2021"],
    ["/da/projects/filter/year=abc;lang=sv", "/da/projekter?lang=sv"],
    ["/sv/topics/upphandling/filter/anything-at-all", "/sv/amnen/upphandling"],
    ["/da/references/filter/%3Cscript%3E", "/da/dokumenter"],
    ["/da/publications/filter/", "/da/publikationer"],
  ])("redirect %s to its canonical address %s", (path, target) => {
    expect(resolveLocalizedPath(path)).toEqual({ redirect: target });
  });
});
