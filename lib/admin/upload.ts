import "server-only";
import { Readable, Transform } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import busboy from "busboy";
import { maxUploadBytes } from "./attachments";

// Reading a multipart upload as a stream (busboy): the body is counted as it arrives, so a chunked
// body or one whose Content-Length lies stops at the limit, and the file part is handed on as a
// stream without ever being held whole.

// Room for the form's other fields and the multipart boundaries around the file.
export const formOverheadBytes = 64 * 1024;

export class BodyTooLargeError extends Error {
  constructor() {
    super("request body too large");
  }
}

export type UploadResult<T> =
  | { status: "done"; value: T; fields: Record<string, string> }
  | { status: "tooLarge" | "noFile" | "malformed"; fields: Record<string, string> };

// Read a multipart body: text fields are collected, the one file named fileField goes to onFile
export async function readUpload<T>(
  body: ReadableStream<Uint8Array> | null,
  contentType: string | null,
  fileField: string,
  onFile: (file: AsyncIterable<Uint8Array>, fileName: string, fields: Record<string, string>) => Promise<T>,
  limit = maxUploadBytes + formOverheadBytes,
): Promise<UploadResult<T>> {
  const fields: Record<string, string> = {};
  if (!body || !contentType?.toLowerCase().startsWith("multipart/form-data")) return { status: "malformed", fields };
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      // Browsers send a file's name as UTF-8 without saying so; busboy would read it as Latin-1.
      defParamCharset: "utf8",
      limits: { files: 1, fields: 10, fieldSize: 4000, parts: 12, fileSize: limit },
    });
  } catch {
    return { status: "malformed", fields };
  }
  let seen = 0;
  let tooLarge = false;
  const counter = new Transform({
    transform(piece: Buffer, _encoding, done) {
      seen += piece.length;
      if (seen > limit) {
        tooLarge = true;
        done(new BodyTooLargeError());
      } else done(null, piece);
    },
  });
  const source = Readable.fromWeb(body as NodeReadableStream<Uint8Array>);
  let handled: Promise<T> | null = null;
  let fileStream: Readable | null = null;
  const finished = new Promise<void>((resolve, reject) => {
    parser.on("field", (name, value) => {
      fields[name] = value;
    });
    parser.on("file", (name, stream, info) => {
      if (name !== fileField || handled) {
        stream.resume();
        return;
      }
      fileStream = stream;
      handled = onFile(stream, info.filename ?? "", { ...fields });
      // A failed or refused store stops reading the file; the rest of the body is not wanted.
      handled.catch(() => undefined).finally(() => stream.resume());
    });
    parser.on("close", resolve);
    parser.on("error", reject);
    counter.on("error", reject);
    source.on("error", reject);
  });
  source.pipe(counter).pipe(parser);
  try {
    await finished;
  } catch (error) {
    source.unpipe(counter);
    counter.unpipe(parser);
    (fileStream as Readable | null)?.destroy(error as Error);
    // Wait for the store to notice the end of its stream and remove what it had written.
    if (handled) await (handled as Promise<T>).catch(() => undefined);
    return { status: tooLarge ? "tooLarge" : "malformed", fields };
  }
  if (!handled) return { status: "noFile", fields };
  return { status: "done", value: await handled, fields };
}
