// The link checker's entry points for the staff pages (each page checks the session itself first).
import "server-only";
import { withDb } from "./with-db";
import {
  itemLinkReport as itemLinkReportIn,
  lastLinkRun as lastLinkRunIn,
  linkSummary as linkSummaryIn,
  listLinks as listLinksIn,
} from "@/lib/links/queries";

// Summarize the links' states, for the dashboard
export const linkSummary = withDb(linkSummaryIn);

// List the links in one state with the items using them
export const listLinks = withDb(listLinksIn);

// One item's links with their checks
export const itemLinkReport = withDb(itemLinkReportIn);

// When the link checker last ran
export const lastLinkRun = withDb(lastLinkRunIn);
