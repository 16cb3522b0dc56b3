import "server-only";
import { db } from "@/lib/db";
import { logger } from "@/lib/server/log";
import { PDF_TEXT_INTERVAL_MS, runPdfText } from "./runner";

// Reads uploaded PDFs' text in the background of the app process: at once after an upload (kickPdfText, never
// awaited by the upload), and on a timer for whatever is left pending (a run stopped by a restart, another app
// server's upload while this one held the lease, the import's attachments). The lease lets one process run at a time.

const state = globalThis as unknown as {
  pdfTextWorker?: { timer?: NodeJS.Timeout; running: Promise<void> | null; again: boolean; stop: AbortController };
};

function worker() {
  state.pdfTextWorker ??= { running: null, again: false, stop: new AbortController() };
  return state.pdfTextWorker;
}

// Run once unless a run of this process is under way (then it runs again after it, for what came in meanwhile)
export function kickPdfText(): Promise<void> {
  const w = worker();
  if (w.running) {
    w.again = true;
    return w.running;
  }
  w.running = (async () => {
    do {
      w.again = false;
      try {
        const result = await runPdfText(db(), { signal: w.stop.signal });
        if (result.ran && result.read + result.reconciled > 0) logger.info({ msg: "pdf text", ...result });
      } catch (error) {
        logger.error({ msg: "pdf text failed", error: error instanceof Error ? error.message : String(error) });
      }
    } while (w.again && !w.stop.signal.aborted);
  })().finally(() => {
    w.running = null;
  });
  return w.running;
}

// Start the timer of the extraction
export function startPdfTextWorker(): void {
  const w = worker();
  if (w.timer) return;
  w.stop = new AbortController();
  w.timer = setInterval(() => void kickPdfText(), PDF_TEXT_INTERVAL_MS);
  w.timer.unref();
  // The first run waits a little, so that a starting server serves first.
  setTimeout(() => void kickPdfText(), 10_000).unref();
}

// Stop the timer and the run under way (its file in flight finishes; the lease is given back)
export function stopPdfTextWorker(): void {
  const w = worker();
  clearInterval(w.timer);
  w.timer = undefined;
  w.stop.abort();
}
