// The staff pages' entry points to the database. Each obtains the app's client itself, so that pages and route
// handlers never hold one; the functions beneath take a client, so that tests run them on any database. Every page
// and route handler still checks the session itself before it calls these.
import "server-only";
import { withDb } from "./with-db";
import { listAudit as listAuditIn } from "@/lib/admin/audit";
import { listBestBets as listBestBetsIn } from "@/lib/admin/best-bets";
import { listTopicChoices as listTopicChoicesIn } from "@/lib/admin/catalogue";
import { storePdf as storePdfIn } from "@/lib/admin/attachments";
import { inboxFor as inboxForIn } from "@/lib/admin/inbox";
import {
  editorChoices as editorChoicesIn,
  getEditableItem as getEditableItemIn,
  itemCounts as itemCountsIn,
  listAdminItems as listAdminItemsIn,
  listRevisions as listRevisionsIn,
} from "@/lib/admin/items";
import { placeholderAdvisers as placeholderAdvisersIn } from "@/lib/admin/placeholder-advisers";
import { listRecords as listRecordsIn, recordChoices as recordChoicesIn } from "@/lib/admin/records";
import { listStaff as listStaffIn } from "@/lib/auth/staff";
import { offerTotpSecret as offerTotpSecretIn } from "@/lib/auth/totp";
import { listPendingMail as listPendingMailIn, outboxCounts as outboxCountsIn } from "@/lib/contact/outbox";
import { feedbackTally as feedbackTallyIn, listFeedback as listFeedbackIn } from "@/lib/feedback/feedback";
import {
  listReviewQueue as listReviewQueueIn,
  ownerChoices as ownerChoicesIn,
  reviewInfo as reviewInfoIn,
} from "@/lib/review/reviews";
import { attentionFor as attentionForIn } from "@/lib/admin/dashboard";

// List the audit log, newest first
export const listAudit = withDb(listAuditIn);

// List the topics as filter choices
export const listTopicChoices = withDb(listTopicChoicesIn);

// Store an uploaded PDF for an item
export const storePdf = withDb(storePdfIn);

// List the contact messages a staff member may read
export const inboxFor = withDb(inboxForIn);

// Read the choices the item editor offers
export const editorChoices = withDb(editorChoicesIn);

// Find an item as the editor shows it
export const getEditableItem = withDb(getEditableItemIn);

// Count items by status, for the dashboard
export const itemCounts = withDb(itemCountsIn);

// List items for the admin's item list
export const listAdminItems = withDb(listAdminItemsIn);

// List an item's revisions
export const listRevisions = withDb(listRevisionsIn);

// List the records of one kind
export const listRecords = withDb(listRecordsIn);

// Read the choices a record form offers
export const recordChoices = withDb(recordChoicesIn);

// List the staff accounts
export const listStaff = withDb(listStaffIn);

// Offer a second-factor secret to enrol
export const offerTotpSecret = withDb(offerTotpSecretIn);

// List the e-mails the outbox still holds
export const listPendingMail = withDb(listPendingMailIn);

// Count waiting and failed e-mails, for the dashboard
export const outboxCounts = withDb(outboxCountsIn);

// List page feedback, newest first
export const listFeedback = withDb(listFeedbackIn);

// Tally page feedback by item
export const feedbackTally = withDb(feedbackTallyIn);

// Advisers whose address is still a placeholder
export const placeholderAdvisers = withDb(placeholderAdvisersIn);

// List the best bets with their pinned items
export const listBestBets = withDb(listBestBetsIn);
// One item's owner and review dates
export const reviewInfo = withDb(reviewInfoIn);

// The staff accounts that may own items
export const ownerChoices = withDb(ownerChoicesIn);

// The items due or overdue for review
export const listReviewQueue = withDb(listReviewQueueIn);

// What needs a staff member's attention, for the dashboard
export const attentionFor = withDb(attentionForIn);
