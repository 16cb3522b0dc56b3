// The text of a PDF, page by page, with unpdf (Mozilla's PDF.js built for servers: no canvas, no native addon). A
// file that holds no text (a scanned image), asks for a password or cannot be read is a failure with a reason,
// never an exception.

/** Why a PDF's text could not be read. */
export const textFailureReasons = ["noText", "encrypted", "broken", "external"] as const;
export type TextFailureReason = (typeof textFailureReasons)[number];

export type Extraction = { status: "done"; pages: string[] } | { status: "failed"; reason: TextFailureReason };

/** Pages read from one PDF at most; the rest are left out. */
export const MAX_PAGES = 2000;
/** Characters kept of one page: a page of text holds a few thousand. */
export const MAX_PAGE_CHARS = 100_000;

// A page's text: the runs of text in reading order, a line break where PDF.js saw one; characters PostgreSQL cannot
// store (NUL) and other control characters become spaces
function pageText(items: unknown[]): string {
  let text = "";
  for (const item of items) {
    if (!item || typeof item !== "object" || !("str" in item)) continue;
    const run = item as { str: string; hasEOL?: boolean };
    text += run.str + (run.hasEOL ? "\n" : "");
  }
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, " ").slice(0, MAX_PAGE_CHARS);
}

// Let the process serve between pages: a long document never holds the event loop for its whole length
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

// Extract the text of every page of a PDF
export async function extractPdfText(bytes: Uint8Array): Promise<Extraction> {
  const { getResolvedPDFJS } = await import("unpdf");
  const { getDocument } = await getResolvedPDFJS();
  // PDF.js takes the buffer over: it gets a copy. verbosity 0: errors only, no warnings on the console.
  const task = getDocument({ data: new Uint8Array(bytes), verbosity: 0, useSystemFonts: false });
  try {
    let pdf: Awaited<typeof task.promise>;
    try {
      pdf = await task.promise;
    } catch (error) {
      const name = error instanceof Error ? error.name : "";
      return { status: "failed", reason: name === "PasswordException" ? "encrypted" : "broken" };
    }
    const pages: string[] = [];
    for (let n = 1; n <= Math.min(pdf.numPages, MAX_PAGES); n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      pages.push(pageText(content.items));
      page.cleanup();
      await breathe();
    }
    if (!pages.some((text) => /[\p{L}\p{N}]/u.test(text))) return { status: "failed", reason: "noText" };
    return { status: "done", pages };
  } catch {
    return { status: "failed", reason: "broken" };
  } finally {
    await task.destroy().catch(() => undefined);
  }
}
