import { z } from "zod";
import { staffRoute } from "@/lib/auth/guard";
import { maxUploadBytes } from "@/lib/admin/attachments";
import { formOverheadBytes, readUpload } from "@/lib/admin/upload";
import { adminLocale, adminPath } from "@/lib/admin/paths";
import { revalidatePublicPages } from "@/lib/cache/revalidate";
import { cacheTags } from "@/lib/cache/tags";
import { failureOf } from "@/lib/admin/failure";
import { storePdf } from "@/lib/data/admin";
import { kickPdfText } from "@/lib/pdf-text/worker";

export const dynamic = "force-dynamic";

// The item and the editor's language ride in the address, so a refusal can answer before reading the body.
const target = z.object({ itemId: z.uuid(), uiLocale: z.enum(["da", "sv"]).catch("da") });

// Upload a PDF to an item (editors and admins). Answers with a redirect back to the editor.
export const POST = staffRoute("editor", async (staff, request: Request) => {
  // Same-origin form posts only (the session cookie is SameSite=Strict as well).
  const origin = request.headers.get("origin");
  const host = request.headers.get("host");
  let sameOrigin = false;
  try {
    sameOrigin = !!origin && !!host && new URL(origin).host === host;
  } catch {
    sameOrigin = false;
  }
  if (!sameOrigin) return new Response("Forbidden", { status: 403 });
  const url = new URL(request.url);
  const parsed = target.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success)
    return new Response("Bad request", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const { itemId, uiLocale } = parsed.data;
  const back = (result: string, title = "") => {
    const query = new URLSearchParams({ upload: result });
    // What the editor typed comes back to the form.
    if (result !== "stored" && title) query.set("uploadTitle", title.slice(0, 200));
    return new Response(null, {
      status: 303,
      headers: {
        Location: `${adminPath(adminLocale(uiLocale), `items/${itemId}`)}?${query}`,
        "Cache-Control": "no-store",
      },
    });
  };
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxUploadBytes + formOverheadBytes) return back("tooLarge");
  let typed = "";
  let upload: Awaited<ReturnType<typeof readUpload<Awaited<ReturnType<typeof storePdf>>>>>;
  try {
    upload = await readUpload(request.body, request.headers.get("content-type"), "file", (bytes, fileName, fields) => {
      typed = fields.title ?? "";
      return storePdf(staff, { itemId, title: typed, fileName, bytes });
    });
  } catch (error) {
    // The file itself must be chosen again (a browser never refills a file field); the title comes back.
    return back(failureOf(error), typed);
  }
  const title = upload.fields.title ?? "";
  if (upload.status !== "done")
    return back({ tooLarge: "tooLarge", noFile: "missing", malformed: "failed" }[upload.status], title);
  const outcome = upload.value;
  if (outcome.status === "stored") {
    await revalidatePublicPages([cacheTags.catalogue]);
    // The text is read in the background: the upload neither waits for it nor fails with it.
    void kickPdfText();
    return back("stored");
  }
  return back(outcome.status === "noItem" ? "failed" : outcome.status, title);
});
