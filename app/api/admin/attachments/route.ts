import { db } from "@/lib/db";
import { staffRoute } from "@/lib/auth/guard";
import { maxUploadBytes, storePdf } from "@/lib/admin/files";
import { adminPath } from "@/lib/admin/paths";
import { revalidatePublicPages } from "@/lib/cache/revalidate";
import { cacheTags } from "@/lib/cache/tags";
import { failureOf } from "@/lib/admin/failure";

export const dynamic = "force-dynamic";

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
  const length = Number(request.headers.get("content-length") ?? 0);
  let form: FormData | null = null;
  if (length <= maxUploadBytes + 64 * 1024) form = await request.formData().catch(() => null);
  const locale = String(form?.get("uiLocale") ?? "da");
  const itemId = String(form?.get("itemId") ?? "");
  const back = (result: string, title = "") =>
    new Response(null, {
      status: 303,
      headers: {
        Location: `${adminPath(locale, `items/${encodeURIComponent(itemId)}`)}?upload=${result}${
          title ? `&title=${encodeURIComponent(title.slice(0, 300))}` : ""
        }`,
        "Cache-Control": "no-store",
      },
    });
  if (!form) return itemId ? back("tooLarge") : new Response("Payload too large", { status: 413 });
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return back("missing");
  if (file.size > maxUploadBytes) return back("tooLarge");
  const title = String(form.get("title") ?? "");
  let outcome: Awaited<ReturnType<typeof storePdf>>;
  try {
    outcome = await storePdf(db(), staff, {
      itemId,
      title,
      fileName: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
    if (outcome.status === "stored") await revalidatePublicPages([cacheTags.catalogue]);
  } catch (error) {
    // The file itself must be chosen again (a browser never refills a file field); the title comes back.
    return back(failureOf(error), title);
  }
  return back(outcome.status === "stored" ? "stored" : outcome.status);
});
