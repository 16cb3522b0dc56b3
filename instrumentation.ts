// Runs once when a Next server process starts: the contact e-mail outbox is sent from here.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startOutboxWorker } = await import("@/lib/contact/worker");
  startOutboxWorker();
}
