import { currentStaff } from "@/lib/auth/guard";
import { findPublicFile, storedFileResponse } from "@/lib/data/site";

export const dynamic = "force-dynamic";

const notFound = () =>
  new Response("Not found", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" },
  });

// Serve a stored attachment, streamed and ranged: to anyone when its item is public, to staff always
async function serve(request: Request, { params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  let found = await findPublicFile(name, false);
  const isPublic = !!found;
  if (!found && (await currentStaff())) found = await findPublicFile(name, true);
  if (!found) return notFound();
  return storedFileResponse(request, found.file, {
    fileName: found.fileName,
    mimeType: found.mimeType,
    cacheControl: isPublic ? "public, max-age=300" : "private, no-store",
  });
}

export const GET = serve;
export const HEAD = serve;
