// Structured data (schema.org JSON-LD) for item pages and the home page, and its safe serialization.
import type {
  Article,
  BookLeaf,
  BreadcrumbList,
  DigitalDocument,
  JsonLdObject,
  MergeLeafTypes,
  Organization,
  Place,
  Project,
  ReportLeaf,
  WebSite,
} from "schema-dts";
import { getTranslations } from "next-intl/server";
import type { ItemDetail } from "@/lib/catalogue/items";
import { sections } from "@/lib/catalogue/sections";
import type { OrganisationRole } from "@/lib/generated/prisma/enums";
import { routing, type Locale } from "@/lib/i18n/routing";
import { absoluteUrl, itemPath, itemUrl, localizedUrls } from "./urls";
import { loadSiteContext, type SeoItem, type SiteContext } from "./metadata";

export type JsonLdGraph = { "@context": "https://schema.org"; "@graph": JsonLdObject[] };

// What the item builder reads; ItemDetail from lib/catalogue/items.ts fits.
export type JsonLdItem = SeoItem &
  Pick<
    ItemDetail,
    "pages" | "isbn" | "periodStart" | "periodEnd" | "budget" | "sourceUrl" | "topics" | "places" | "organisations"
  > & {
    /** The source's own date (2016, 2019-10 or 2019-10-01): schema.org dates are ISO 8601, which allows a year or a month. */
    sourceDate?: string | null;
  };

export type Crumb = { name: string; url: string };

type OrgNode = Exclude<Organization, string>;

function organisations(item: JsonLdItem, ...roles: OrganisationRole[]): OrgNode[] {
  const seen = new Set<string>();
  return item.organisations
    .filter((o) => roles.includes(o.role) && !seen.has(o.slug) && seen.add(o.slug))
    .map((o) => ({ "@type": "Organization", name: o.name }));
}

// One node as itself, several as a list, none as nothing (so empty properties are left out)
function oneOrMany<T>(list: T[]): T | T[] | undefined {
  return list.length === 0 ? undefined : list.length === 1 ? list[0] : list;
}

function places(item: JsonLdItem): Place[] {
  return item.places.map((p) => ({ "@type": "Place", name: p.name }));
}

// Drop undefined and empty values so the output holds only what is known
function compact<T extends object>(node: T): T {
  return Object.fromEntries(
    Object.entries(node).filter(([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0)),
  ) as T;
}

function siteOrganization(site: SiteContext, locale: Locale): OrgNode {
  return {
    "@type": "Organization",
    "@id": `${site.base}/#organization`,
    name: site.name[locale],
    url: `${site.base}/`,
  };
}

// The schema.org node of an item, fitting its type
export function buildItemNode(item: JsonLdItem, site: SiteContext): JsonLdObject {
  const url = itemUrl(site.base, item);
  const creativeWork = {
    "@id": `${url}#item`,
    url,
    mainEntityOfPage: url,
    name: item.title,
    headline: item.title,
    description: item.summary,
    inLanguage: item.locale,
    datePublished: item.sourceDate ?? undefined,
    dateModified: item.updatedAt ?? undefined,
    keywords: item.topics.map((t) => t.name).join(", ") || undefined,
    spatialCoverage: oneOrMany(places(item)),
  };
  const authors = organisations(item, "author");
  const publishers = organisations(item, "publisher");

  switch (item.type) {
    case "article": {
      // Guidance written for the site: the site is author and publisher unless the item names others.
      const node: Article = {
        "@type": "Article",
        ...creativeWork,
        author: oneOrMany(authors.length ? authors : [siteOrganization(site, item.locale)]),
        publisher: oneOrMany(publishers.length ? publishers : [siteOrganization(site, item.locale)]),
        mentions: oneOrMany(organisations(item, "partner", "owner", "funder", "commissioner")),
      };
      return compact(node);
    }
    case "case": {
      // A case is about the organisation that runs it; without an owner, about every organisation it names.
      const owners = organisations(item, "owner");
      const node: Article = {
        "@type": "Article",
        ...creativeWork,
        about: oneOrMany(owners.length ? owners : organisations(item, ...allRoles)),
        mentions: owners.length ? oneOrMany(organisations(item, "partner", "funder", "commissioner")) : undefined,
        publisher: siteOrganization(site, item.locale),
      };
      return compact(node);
    }
    case "publication": {
      // numberOfPages and isbn belong to Book; a printed report is both a Report and a Book.
      const asBook = item.pages !== null || item.isbn !== null;
      const node: MergeLeafTypes<[ReportLeaf, BookLeaf]> | ReportLeaf = {
        "@type": asBook ? ["Report", "Book"] : "Report",
        ...creativeWork,
        author: oneOrMany(authors),
        publisher: oneOrMany(publishers.length ? publishers : authors),
        funder: oneOrMany(organisations(item, "funder")),
        sponsor: oneOrMany(organisations(item, "commissioner")),
        numberOfPages: item.pages ?? undefined,
        isbn: item.isbn ?? undefined,
      } as MergeLeafTypes<[ReportLeaf, BookLeaf]>;
      return compact(node);
    }
    case "project": {
      // schema.org's Project is an Organization: its period is foundingDate/dissolutionDate (startDate and
      // endDate are not defined for it), and the only home it offers a MonetaryAmount is a Grant's amount.
      const funders = organisations(item, "funder");
      const node: Exclude<Project, string> = {
        "@type": "Project",
        "@id": `${url}#item`,
        url,
        mainEntityOfPage: url,
        name: item.title,
        description: item.summary,
        parentOrganization: oneOrMany(organisations(item, "owner")),
        funder: oneOrMany(funders),
        sponsor: oneOrMany(organisations(item, "commissioner")),
        member: oneOrMany(organisations(item, "partner")),
        foundingDate: item.periodStart ?? undefined,
        dissolutionDate: item.periodEnd ?? undefined,
        areaServed: oneOrMany(places(item)),
        funding: item.budget
          ? compact({
              "@type": "MonetaryGrant" as const,
              amount: { "@type": "MonetaryAmount" as const, value: item.budget.amount, currency: item.budget.currency },
              funder: oneOrMany(funders),
            })
          : undefined,
        keywords: creativeWork.keywords,
      };
      return compact(node);
    }
    case "reference": {
      // A source document: its issuer published it and wrote it.
      const issuers = organisations(item, "issuer", "publisher", "author");
      const node: DigitalDocument = {
        "@type": "DigitalDocument",
        ...creativeWork,
        author: oneOrMany(authors.length ? authors : issuers),
        publisher: oneOrMany(publishers.length ? publishers : issuers),
        isBasedOn: item.sourceUrl ?? undefined,
      };
      return compact(node);
    }
  }
}

const allRoles: OrganisationRole[] = ["owner", "partner", "publisher", "author", "commissioner", "funder", "issuer"];

// A BreadcrumbList from the trail's names and absolute URLs
export function buildBreadcrumbs(crumbs: Crumb[]): BreadcrumbList {
  return {
    "@type": "BreadcrumbList",
    itemListElement: crumbs.map((c, i) => ({ "@type": "ListItem", position: i + 1, name: c.name, item: c.url })),
  };
}

// Structured data of an item page: the item and the breadcrumb trail that leads to it
export function buildItemJsonLd(item: JsonLdItem, site: SiteContext, crumbs: Crumb[]): JsonLdGraph {
  return {
    "@context": "https://schema.org",
    "@graph": [buildItemNode(item, site), buildBreadcrumbs(crumbs) as JsonLdObject],
  };
}

// Structured data of the home page: the web site and the organisation behind it
export function buildHomeJsonLd(locale: Locale, site: SiteContext): JsonLdGraph {
  const others = routing.locales.filter((l) => l !== locale);
  const website: WebSite = {
    "@type": "WebSite",
    "@id": `${site.base}/#website`,
    url: localizedUrls(site.base, "/")[locale],
    name: site.name[locale],
    alternateName: others.map((l) => site.name[l]),
    description: site.description[locale],
    inLanguage: locale,
    publisher: { "@id": `${site.base}/#organization` },
  };
  const organization: OrgNode = {
    ...siteOrganization(site, locale),
    alternateName: others.map((l) => site.name[l]),
    logo: absoluteUrl(site.base, "/icon.svg"),
  };
  return { "@context": "https://schema.org", "@graph": [website as JsonLdObject, organization as JsonLdObject] };
}

// Serialize for a <script type="application/ld+json">: "<", ">" and "&" as \u escapes so that no text in the
// data can close the script element or open a comment; U+2028/2029 escaped for old JavaScript parsers.
export function serializeJsonLd(data: object): string {
  return JSON.stringify(data).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

// Structured data of an item page shown in the interface language uiLocale
export async function itemJsonLd(item: JsonLdItem, uiLocale: Locale): Promise<JsonLdGraph> {
  const site = await loadSiteContext();
  const header = await getTranslations({ locale: uiLocale, namespace: "Header" });
  const sectionNames = await getTranslations({ locale: uiLocale, namespace: "Sections" });
  const section = sections[item.type];
  const crumbs: Crumb[] = [
    { name: header("home"), url: localizedUrls(site.base, "/")[uiLocale] },
    { name: sectionNames(`${item.type}.title`), url: localizedUrls(site.base, `/${section}`)[uiLocale] },
    { name: item.title, url: absoluteUrl(site.base, itemPath(item, uiLocale)) },
  ];
  return buildItemJsonLd(item, site, crumbs);
}

// Structured data of the home page
export async function homeJsonLd(locale: Locale): Promise<JsonLdGraph> {
  return buildHomeJsonLd(locale, await loadSiteContext());
}
