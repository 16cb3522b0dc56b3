// The date a source gives for itself, as precise as the source is and no more: a year ("2016"), a month
// ("2019-10") or a day ("2019-10-01"). It is kept apart from the site's own publishing time (publishedAt),
// which feeds and sitemaps use.
import { z } from "zod";

export type SourceDatePrecision = "year" | "month" | "day";
export type SourceDate = { year: number; month?: number; day?: number; precision: SourceDatePrecision };

const pattern = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

// Read a source date written YYYY, YYYY-MM or YYYY-MM-DD; null when it is none of them or no real date
export function parseSourceDate(text: string): SourceDate | null {
  const match = pattern.exec(text.trim());
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 1800 || year > 2100) return null;
  if (match[2] === undefined) return { year, precision: "year" };
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  if (match[3] === undefined) return { year, month, precision: "month" };
  const day = Number(match[3]);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > last) return null;
  return { year, month, day, precision: "day" };
}

export const sourceDateSchema = z
  .string()
  .trim()
  .refine((text) => parseSourceDate(text) !== null, {
    message: "must be the source's date as precise as it gives it: a year (2016), a month (2019-10) or a day (2019-10-01)",
  });

const monthNames = {
  da: ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"],
  sv: ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"],
} as const;

// Show a source date in Danish or Swedish with its own precision: "2016", "oktober 2019", "1. oktober 2019" (da) or "1 oktober 2019" (sv)
export function formatSourceDate(text: string, locale: "da" | "sv"): string {
  const date = parseSourceDate(text);
  if (!date) return text;
  if (date.precision === "year") return String(date.year);
  const month = monthNames[locale][date.month! - 1];
  if (date.precision === "month") return `${month} ${date.year}`;
  return locale === "da" ? `${date.day}. ${month} ${date.year}` : `${date.day} ${month} ${date.year}`;
}
