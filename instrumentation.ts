// Runs once when a Next server process starts, before it serves: the settings are checked, requests are observed
// (client address, request id, one log line each), and the contact e-mail outbox is sent from here.
import type { Instrumentation } from "next";

export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { refuseToStartWithoutSettings, onShutdown } = await import("@/lib/server/lifecycle");
  refuseToStartWithoutSettings();
  const { observeRequests } = await import("@/lib/server/requests");
  const { databaseAnswers } = await import("@/lib/server/readiness");
  observeRequests(databaseAnswers);
  const { startOutboxWorker, stopOutboxWorker } = await import("@/lib/contact/worker");
  startOutboxWorker();
  onShutdown([stopOutboxWorker]);
}

// A failure while rendering or handling a request, logged with the request's id
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
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
