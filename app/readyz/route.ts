import { readiness } from "@/lib/server/readiness";

// Ready for traffic: the database answers, every migration is applied and the server is not stopping.
export const dynamic = "force-dynamic";

export async function GET() {
  const state = await readiness();
  return Response.json(state, { status: state.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
