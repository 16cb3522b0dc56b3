// The link checker reads the addresses an item links to from its Markdown text, its source address, its sources
// and its attachments: only absolute http(s) addresses, the fragment dropped, each once per origin.
import { describe, expect, it } from "vitest";
import { extractItemLinks, markdownLinks, normalizeLinkUrl } from "@/lib/links/extract";
import { isPublicAddress } from "@/lib/links/address";
import { linkCheckSettings } from "@/lib/links/settings";

describe("link extraction", () => {
  it("finds inline links, bare addresses, reference definitions and images in Markdown, with their text", () => {
    const body = [
      "Læs [politikken](https://kommune.example/politik.pdf) og [mere her][ref].",
      "Se også https://www.example.org/side og <https://auto.example/x>.",
      "![Kort](https://img.example/kort.png)",
      "",
      "[ref]: https://ref.example/doc",
    ].join("\n");
    expect(markdownLinks(body)).toEqual(
      expect.arrayContaining([
        { url: "https://kommune.example/politik.pdf", label: "politikken" },
        { url: "https://www.example.org/side", label: "https://www.example.org/side" },
        { url: "https://auto.example/x", label: "https://auto.example/x" },
        { url: "https://img.example/kort.png", label: "Kort" },
        { url: "https://ref.example/doc", label: "ref" },
      ]),
    );
  });

  it("keeps only absolute http(s) addresses, without fragment or credentials", () => {
    expect(normalizeLinkUrl("https://a.example/x#afsnit")).toBe("https://a.example/x");
    expect(normalizeLinkUrl("  HTTP://A.example  ")).toBe("http://a.example/");
    for (const bad of [
      "/da/cases/x",
      "#top",
      "mailto:a@b.example",
      "ftp://a.example/",
      "javascript:alert(1)",
      "https://user:pw@a.example/",
      "https://",
    ])
      expect(normalizeLinkUrl(bad)).toBeNull();
    expect(normalizeLinkUrl(`https://a.example/${"x".repeat(3000)}`)).toBeNull();
  });

  it("reads the body, the source address, sources' addresses and outside attachments, each address once per origin", () => {
    const links = extractItemLinks({
      body: "[a](https://a.example/) [igen](https://a.example/#x) [lokal](/da/emner) [mail](mailto:x@y.example)",
      sourceUrl: "https://issuer.example/dok.pdf",
      sources: [{ title: "Rapport", url: "https://src.example/r" }, { title: "Uden adresse" }, "junk"],
      attachments: [
        { title: "Bilag", location: "https://files.example/bilag.pdf" },
        { title: "Uploadet", location: "files/abc.pdf" },
      ],
    });
    expect(links).toEqual([
      { url: "https://a.example/", origin: "body", label: "a" },
      { url: "https://issuer.example/dok.pdf", origin: "source", label: "" },
      { url: "https://src.example/r", origin: "source", label: "Rapport" },
      { url: "https://files.example/bilag.pdf", origin: "attachment", label: "Bilag" },
    ]);
  });
});

describe("addresses the checker may reach", () => {
  it("refuses private, loopback, link-local, shared, multicast and reserved addresses, IPv4-mapped ones too", () => {
    for (const address of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "255.255.255.255",
      "::1",
      "::",
      "fe80::1",
      "fc00::1",
      "fd12:3456::1",
      "ff02::1",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "::ffff:10.0.0.1",
      "[::1]",
      "not an address",
    ])
      expect(isPublicAddress(address), address).toBe(false);
  });

  it("allows public unicast addresses", () => {
    for (const address of ["93.184.216.34", "8.8.8.8", "172.32.0.1", "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8"])
      expect(isPublicAddress(address), address).toBe(true);
  });

  it("is off, and refuses private addresses, unless the settings say otherwise", () => {
    const off = linkCheckSettings({});
    expect(off.enabled).toBe(false);
    expect(off.allowPrivate).toBe(false);
    expect(off.hostConcurrency).toBe(1);
    const on = linkCheckSettings({ LINK_CHECK_ENABLED: "true", LINK_ALLOW_PRIVATE: "1", LINK_HOST_CONCURRENCY: "2" });
    expect([on.enabled, on.allowPrivate, on.hostConcurrency]).toEqual([true, true, 2]);
    expect(() => linkCheckSettings({ LINK_HOST_CONCURRENCY: "3" })).toThrow(/LINK_HOST_CONCURRENCY/);
    expect(() => linkCheckSettings({ LINK_CHECK_ENABLED: "maybe" })).toThrow(/LINK_CHECK_ENABLED/);
  });
});
