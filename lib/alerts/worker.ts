import "server-only";
import { db } from "@/lib/db";
import { setting } from "@/lib/env";
import { logger } from "@/lib/server/log";
import { runAlerts } from "./digest";

// Runs the alerts from inside the app process on a timer (ALERT_INTERVAL_MINUTES). Every app server has the timer;
// the lease in JobLease lets one of them run at a time, and `npm run alerts:send` from cron takes the same lease.

const state = globalThis as unknown as { alertWorker?: { timer?: NodeJS.Timeout; running: Promise<void> | null } };

function worker() {
  state.alertWorker ??= { running: null };
  return state.alertWorker;
}

function kick(): Promise<void> {
  const w = worker();
  if (w.running) return w.running;
  w.running = (async () => {
    try {
      const result = await runAlerts(db());
      if (result.ran && (result.queued || result.purged)) logger.info({ msg: "alerts", ...result });
    } catch (error) {
      logger.error({ msg: "alerts failed", error: error instanceof Error ? error.message : String(error) });
    }
  })().finally(() => {
    w.running = null;
  });
  return w.running;
}

// Start the alerts' timer
export function startAlertWorker(): void {
  const w = worker();
  if (w.timer) return;
  const intervalMs = setting("ALERT_INTERVAL_MINUTES") * 60_000;
  w.timer = setInterval(() => void kick(), intervalMs);
  w.timer.unref();
}

// Stop the timer (a run under way finishes and gives the lease back)
export function stopAlertWorker(): void {
  const w = worker();
  clearInterval(w.timer);
  w.timer = undefined;
}
