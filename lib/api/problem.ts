// Errors of the JSON API as RFC 9457 problem documents (application/problem+json), in English. The type is a URI
// under the API's documentation, so that a client can tell the kinds of error apart without reading the title.

export type ProblemKind =
  "bad-request" | "not-found" | "ambiguous" | "method-not-allowed" | "rate-limited" | "internal";

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Each query parameter that could not be read, with why. */
  errors?: { parameter: string; detail: string }[];
};

const kinds: Record<ProblemKind, { status: number; title: string }> = {
  "bad-request": { status: 400, title: "Invalid request" },
  "not-found": { status: 404, title: "Not found" },
  ambiguous: { status: 409, title: "More than one item matches" },
  "method-not-allowed": { status: 405, title: "Method not allowed" },
  "rate-limited": { status: 429, title: "Too many requests" },
  internal: { status: 500, title: "Internal error" },
};

/** The media type of problem documents. */
export const problemType = "application/problem+json";

// A problem document of the given kind for the request's path
export function problem(
  kind: ProblemKind,
  detail: string,
  instance: string,
  errors?: Problem["errors"],
): Problem & { status: number } {
  const { status, title } = kinds[kind];
  return { type: `/api/v1/problems/${kind}`, title, status, detail, instance, ...(errors ? { errors } : {}) };
}

/** An error a handler throws to answer with a problem document. */
export class ProblemError extends Error {
  constructor(
    readonly kind: ProblemKind,
    detail: string,
    readonly errors?: Problem["errors"],
  ) {
    super(detail);
    this.name = "ProblemError";
  }
}
