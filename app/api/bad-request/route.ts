// The answer to a request that cannot be read (lib/server/requests.ts sends such requests here): 400, in both languages.
export const dynamic = "force-dynamic";

function badRequest() {
  return new Response("400 Forkert forespørgsel / Felaktig begäran\n", {
    status: 400,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

export const GET = badRequest;
export const HEAD = badRequest;
export const POST = badRequest;
export const PUT = badRequest;
export const PATCH = badRequest;
export const DELETE = badRequest;
export const OPTIONS = badRequest;
