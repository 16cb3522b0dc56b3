import { db } from "@/lib/db";
import { currentStaff } from "@/lib/auth/guard";
import { readPublicFile } from "@/lib/admin/files";

export const dynamic = "force-dynamic";

// Serve an uploaded attachment with its type and file name: to anyone when its item is public, to staff always
export async function GET(_request: Request, { params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  let file = await readPublicFile(db(), name, false);
  const isPublic = !!file;
  if (!file && (await currentStaff())) file = await readPublicFile(db(), name, true);
  if (!file)
    return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const ascii = file.fileName.replace(/[^\w.-]/g, "_");
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Length": String(file.bytes.length),
      "Content-Disposition": `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "Cache-Control": isPublic ? "public, max-age=300" : "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
