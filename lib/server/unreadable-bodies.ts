// Form posts whose multipart body Next could not parse. Next reads a multipart POST to a page while it looks for a
// server action, and a body whose declared boundary leads nowhere (truncated, wrong boundary, parts without a
// disposition) fails inside Node's own FormData parser before any of the site's code runs; Next then answers 500.
// That is the client's fault, not the server's: onRequestError (instrumentation.ts) marks the request here by its
// id, and the status-page watcher (lib/server/status-pages.ts) answers such a request with the localized 400 page.
// Shared through globalThis because instrumentation and the request observer are separate module graphs in a build.

const key = Symbol.for("kb.unreadableBodies");
type Marks = Map<string, number>;
const marks: Marks = ((globalThis as Record<symbol, unknown>)[key] as Marks | undefined) ?? new Map();
(globalThis as Record<symbol, unknown>)[key] = marks;

// Marks older than this are forgotten: the answer to a marked request is written within moments.
const keepMs = 60_000;
const maxMarks = 1000;

// Whether an error is Node's (undici's) refusal of a multipart body, as Request.formData() throws it
export function isUnreadableBody(error: unknown): boolean {
  return error instanceof TypeError && error.message === "Failed to parse body as FormData.";
}

export function markUnreadableBody(requestId: string | undefined, now = Date.now()) {
  if (!requestId) return;
  if (marks.size >= maxMarks) {
    for (const [id, at] of marks) if (now - at > keepMs || marks.size >= maxMarks) marks.delete(id);
  }
  marks.set(requestId, now);
}

// Whether the request was marked; the mark is used up
export function takeUnreadableBody(requestId: string | undefined): boolean {
  if (!requestId) return false;
  return marks.delete(requestId);
}
