// One run of the PDF text extraction, by one process across all app servers at a time (the lease "pdf-text" of
// JobLease, as the link checker's): reconcile, then read every pending attachment's text, one file at a time,
// renewing the lease after each and stopping when it is lost or when asked.
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/database/client";
import { releaseLease, renewLease, takeLease } from "@/lib/links/lease";
import { extractPdfText, type Extraction } from "./extract";
import { attachmentBytes, countAttempt, MAX_ATTEMPTS, pendingAttachments, recordExtraction, reconcile } from "./store";

export const pdfTextJob = "pdf-text";

/** How long a run holds the lease without renewing it: longer than the slowest file takes. */
export const PDF_TEXT_LEASE_MS = 10 * 60_000;
/** How often each app server looks for attachments left pending (an upload's own run starts at once). */
export const PDF_TEXT_INTERVAL_MS = 60_000;
const BATCH = 20;

export type PdfTextReport = {
  ran: true;
  read: number;
  done: number;
  failed: number;
  reconciled: number;
  stoppedEarly: boolean;
  durationMs: number;
};
export type PdfTextResult = PdfTextReport | { ran: false; reason: "busy" };

export type PdfTextOptions = {
  signal?: AbortSignal;
  /** The extraction (tests replace it to stop a run half-way). */
  extract?: (bytes: Uint8Array) => Promise<Extraction>;
};

// Read the pending attachments' text once, if no other process is doing so; "busy" when another holds the lease
export async function runPdfText(client: Db, options: PdfTextOptions = {}): Promise<PdfTextResult> {
  const holder = `${hostname()}:${process.pid}:${randomUUID()}`;
  if (!(await takeLease(client, pdfTextJob, holder, PDF_TEXT_LEASE_MS))) return { ran: false, reason: "busy" };
  const extract = options.extract ?? extractPdfText;
  const started = Date.now();
  const report: PdfTextReport = {
    ran: true,
    read: 0,
    done: 0,
    failed: 0,
    reconciled: 0,
    stoppedEarly: false,
    durationMs: 0,
  };
  let lost = false;
  const stop = () => lost || !!options.signal?.aborted;
  try {
    report.reconciled = await reconcile(client);
    // A file that fails to record is skipped for the rest of this run (it stays pending and is tried next run).
    const skipped = new Set<string>();
    while (!stop()) {
      const batch = (await pendingAttachments(client, BATCH + skipped.size)).filter((a) => !skipped.has(a.id));
      if (!batch.length) break;
      for (const attachment of batch) {
        if (stop()) break;
        let outcome: Extraction;
        if (attachment.textAttempts >= MAX_ATTEMPTS) outcome = { status: "failed", reason: "broken" };
        else {
          await countAttempt(client, attachment.id);
          const bytes = await attachmentBytes(client, attachment.location);
          outcome =
            bytes === "external" || bytes === "missing"
              ? { status: "failed", reason: bytes === "external" ? "external" : "broken" }
              : await extract(bytes);
        }
        if (await recordExtraction(client, attachment, outcome)) {
          report.read++;
          report[outcome.status]++;
        } else skipped.add(attachment.id);
        lost = !(await renewLease(client, pdfTextJob, holder, PDF_TEXT_LEASE_MS));
      }
    }
    report.stoppedEarly = stop();
  } catch (error) {
    if (!lost)
      await releaseLease(client, pdfTextJob, holder, { error: error instanceof Error ? error.message : String(error) });
    throw error;
  }
  report.durationMs = Date.now() - started;
  if (!lost) await releaseLease(client, pdfTextJob, holder, report);
  return report;
}
