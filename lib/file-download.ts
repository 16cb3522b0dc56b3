import "server-only";
import parseRange from "range-parser";
import type { Db } from "@/lib/database/client";
import { readStoredFile, type FileInfo } from "@/lib/file-store";

// The HTTP answer for a stored file: streamed, with validators (ETag, 304), one byte range (206, or
// 416 when it lies outside the file) and a Content-Disposition that opens PDFs in the browser and
// saves anything else.

export type Download = { fileName: string; mimeType: string; cacheControl: string };

function etagOf(file: FileInfo): string {
  return `"${file.sha256}"`;
}

// Whether an If-None-Match header names the file's ETag (weak comparison, as for GET)
function matches(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

// Content-Disposition: inline for a PDF (the browser's viewer opens it), attachment for the rest;
// the name goes in filename* (RFC 8187) with an ASCII fallback.
export function dispositionFor(fileName: string, mimeType: string): string {
  const type = mimeType === "application/pdf" ? "inline" : "attachment";
  // RFC 8187: UTF-8, percent-encoded, with the characters encodeURIComponent leaves that it does not allow.
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  const fallback = fileName
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]|["\\%]/g, "_");
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

// Answer a GET (or HEAD) for a stored file
export function fileResponse(request: Request, client: Db, file: FileInfo, download: Download): Response {
  const etag = etagOf(file);
  const headers = new Headers({
    "Content-Type": download.mimeType,
    "Content-Disposition": dispositionFor(download.fileName, download.mimeType),
    "Cache-Control": download.cacheControl,
    "Accept-Ranges": "bytes",
    ETag: etag,
    "Last-Modified": file.createdAt.toUTCString(),
    "X-Content-Type-Options": "nosniff",
  });
  if (matches(request.headers.get("if-none-match"), etag)) {
    headers.delete("Content-Type");
    headers.delete("Content-Disposition");
    return new Response(null, { status: 304, headers });
  }
  let start = 0;
  let end = file.sizeBytes - 1;
  let status = 200;
  const range = request.headers.get("range");
  const ifRange = request.headers.get("if-range");
  // A range applies only to the version the client has (If-Range with our ETag, or none given).
  if (range && file.sizeBytes > 0 && (!ifRange || ifRange.trim() === etag)) {
    // Syntax first: a header that is not a list of byte ranges is ignored, as RFC 9110 asks.
    const wellFormed = /^bytes=\s*(\d+-\d*|-\d+)(\s*,\s*(\d+-\d*|-\d+))*\s*$/.test(range);
    const parsed = wellFormed ? parseRange(file.sizeBytes, range, { combine: true }) : -2;
    if (parsed === -1) {
      headers.set("Content-Range", `bytes */${file.sizeBytes}`);
      headers.delete("Content-Disposition");
      headers.set("Content-Type", "text/plain; charset=utf-8");
      return new Response(null, { status: 416, headers });
    }
    // A malformed header, another unit or several ranges: the whole file (RFC 9110 lets a server ignore Range).
    if (parsed !== -2 && parsed.type === "bytes" && parsed.length === 1) {
      start = parsed[0]!.start;
      end = parsed[0]!.end;
      status = 206;
      headers.set("Content-Range", `bytes ${start}-${end}/${file.sizeBytes}`);
    }
  } else if (range && file.sizeBytes === 0 && !ifRange) {
    headers.set("Content-Range", "bytes */0");
    return new Response(null, { status: 416, headers });
  }
  headers.set("Content-Length", String(end - start + 1));
  const body = request.method === "HEAD" || file.sizeBytes === 0 ? null : readStoredFile(client, file, start, end);
  return new Response(body, { status, headers });
}
