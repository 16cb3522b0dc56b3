import "server-only";
import { db } from "@/lib/db";
import { outboxSettings, sendDueMail, transportFromEnv, type MailTransport, type OutboxSettings } from "./outbox";
import { setting } from "@/lib/env";

// Sends the outbox from inside the app process: on a timer, and at once after a message is stored.

const state = globalThis as unknown as {
  outbox?: {
    transport: MailTransport | null;
    settings: OutboxSettings;
    running: Promise<void> | null;
    again: boolean;
    timer?: NodeJS.Timeout;
  };
};

function worker() {
  if (!state.outbox) {
    const settings = outboxSettings();
    state.outbox = { transport: transportFromEnv(settings), settings, running: null, again: false };
  }
  return state.outbox;
}

// Send what is due now; a call while a run is going makes that run go round once more
export function kickOutbox(): Promise<void> {
  const w = worker();
  if (!w.transport) return Promise.resolve();
  if (w.running) {
    w.again = true;
    return w.running;
  }
  const transport = w.transport;
  w.running = (async () => {
    do {
      w.again = false;
      try {
        const report = await sendDueMail(db(), transport, { settings: w.settings });
        if (report.lostLease) console.error(`Mail outbox: ${report.lostLease} lease(s) taken over by another sender.`);
      } catch (error) {
        console.error("Mail outbox:", error instanceof Error ? error.message : error);
      }
    } while (w.again);
  })().finally(() => {
    w.running = null;
  });
  return w.running;
}

// Start the timer that retries due mail; without SMTP_URL the mail stays in the outbox
export function startOutboxWorker(): void {
  const w = worker();
  if (w.timer) return;
  if (!w.transport) {
    console.log("SMTP_URL is not set: contact e-mails stay in the outbox (see `npm run mail:pending`).");
    return;
  }
  const seconds = setting("MAIL_INTERVAL_SECONDS");
  w.timer = setInterval(() => void kickOutbox(), Math.max(5, seconds) * 1000);
  w.timer.unref();
  void kickOutbox();
}

// Stop the timer: no new sends start (a send under way finishes or its lease runs out)
export function stopOutboxWorker(): void {
  const w = worker();
  clearInterval(w.timer);
  w.timer = undefined;
}
