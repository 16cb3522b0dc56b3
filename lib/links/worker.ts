import "server-only";
import { db } from "@/lib/db";
import { logger } from "@/lib/server/log";
import { runLinkCheck } from "./runner";
import { linkCheckSettings } from "./settings";

// Runs the link checker from inside the app process on a timer, when LINK_CHECK_ENABLED turns it on. Every app
// server has the timer; the lease lets one of them run at a time.

const state = globalThis as unknown as {
  linkWorker?: { timer?: NodeJS.Timeout; running: Promise<void> | null; stop: AbortController };
};

function worker() {
  state.linkWorker ??= { running: null, stop: new AbortController() };
  return state.linkWorker;
}

// Run once unless a run of this process is under way
function kick(): Promise<void> {
  const w = worker();
  if (w.running) return w.running;
  w.running = (async () => {
    try {
      const result = await runLinkCheck(db(), { signal: w.stop.signal });
      if (result.ran) logger.info({ msg: "link check", ...result });
    } catch (error) {
      logger.error({ msg: "link check failed", error: error instanceof Error ? error.message : String(error) });
    }
  })().finally(() => {
    w.running = null;
  });
  return w.running;
}

// Start the timer of the link checker; nothing when it is off
export function startLinkWorker(): void {
  const settings = linkCheckSettings();
  const w = worker();
  if (w.timer || !settings.enabled) return;
  w.stop = new AbortController();
  w.timer = setInterval(() => void kick(), settings.intervalMs);
  w.timer.unref();
  // The first run waits a minute, so that a starting server serves first.
  setTimeout(() => void kick(), Math.min(60_000, settings.intervalMs)).unref();
}

// Stop the timer and the run under way (its check in flight finishes; the lease is given back)
export function stopLinkWorker(): void {
  const w = worker();
  clearInterval(w.timer);
  w.timer = undefined;
  w.stop.abort();
}
