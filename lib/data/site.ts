// The public site's entry points to the database. Each obtains the app's client itself, so that pages, route handlers
// and components never hold one; the functions beneath take a client, so that tests run them on any database.
import "server-only";
import { db } from "@/lib/db";
import { withDb } from "./with-db";
import {
  getContactItem as getContactItemIn,
  listContactAdvisers as listContactAdvisersIn,
  routeAdviser as routeAdviserIn,
} from "@/lib/contact/advisers";
import { getReceipt as getReceiptIn } from "@/lib/contact/messages";
import { getFeedbackItem as getFeedbackItemIn } from "@/lib/feedback/feedback";
import { findPublicFile as findPublicFileIn } from "@/lib/admin/attachments";
import { fileResponse, type Download } from "@/lib/file-download";
import type { FileInfo } from "@/lib/file-store";

// List the advisers a question can be sent to
export const listContactAdvisers = withDb(listContactAdvisersIn);

// Find a published item that a question can be about
export const getContactItem = withDb(getContactItemIn);

// Route a question to the item's, a topic's or the locale's adviser
export const routeAdviser = withDb(routeAdviserIn);

// Find the receipt of a sent question
export const getReceipt = withDb(getReceiptIn);

// Find the published item a feedback answer is about
export const getFeedbackItem = withDb(getFeedbackItemIn);

// Find an attachment by its file name: public ones, or any when staff asks
export const findPublicFile = withDb(findPublicFileIn);

// Answer a request for a stored file, streamed and ranged
export function storedFileResponse(request: Request, file: FileInfo, download: Download): Response {
  return fileResponse(request, db(), file, download);
}
