// Runs once when a Next server process starts, before it serves: the settings are checked, requests are observed
// (client address, request id, one log line each), the contact e-mail outbox is sent from here, uploaded PDFs' text is
// read here, links are checked here when that is turned on, and the e-mail alerts are queued here.
import type { Instrumentation } from "next";
import { isUnreadableBody, markUnreadableBody } from "@/lib/server/unreadable-bodies";

export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { refuseToStartWithoutSettings, onShutdown } = await import("@/lib/server/lifecycle");
  refuseToStartWithoutSettings();
  const { observeRequests } = await import("@/lib/server/requests");
  const { databaseAnswers } = await import("@/lib/server/readiness");
  observeRequests(databaseAnswers);
  const { startOutboxWorker, stopOutboxWorker } = await import("@/lib/contact/worker");
  startOutboxWorker();
  const { startLinkWorker, stopLinkWorker } = await import("@/lib/links/worker");
  startLinkWorker();
  const { startPdfTextWorker, stopPdfTextWorker } = await import("@/lib/pdf-text/worker");
  startPdfTextWorker();
  const { startAlertWorker, stopAlertWorker } = await import("@/lib/alerts/worker");
  startAlertWorker();
  onShutdown([stopOutboxWorker, stopLinkWorker, stopPdfTextWorker, stopAlertWorker]);
}

// A failure while rendering or handling a request, logged with the request's id. A multipart body Next could not parse is the client's fault: it is marked so that the answer becomes a 400
// (lib/server/unreadable-bodies.ts), and logged as a warning.
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  const id = request.headers["x-request-id"];
  if (request.method === "POST" && isUnreadableBody(error)) {
    markUnreadableBody(typeof id === "string" ? id : undefined);
    const { logger } = await import("@/lib/server/log");
    logger.warn({ msg: "request body unreadable", id, method: request.method, path: request.path.split("?")[0] });
    return;
  }
  const { logger } = await import("@/lib/server/log");
  const err = error as Error & { digest?: string };
  logger.error({
    msg: "request failed",
    id: request.headers["x-request-id"],
    method: request.method,
    path: request.path.split("?")[0],
    route: context.routePath,
    kind: context.routeType,
    digest: err.digest,
    error: err.message,
    stack: err.stack,
  });
};
