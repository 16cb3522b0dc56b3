// Small valid PDFs written by hand (ISO 32000: objects, a cross-reference table, a trailer), for the tests of text
// extraction: one page per entry, each a line of text in Helvetica (WinAnsi encoding, so æ, ø, å, ä, ö are one
// byte each), or, with image, pages holding only a picture (as a scanned page does) and no text at all.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

type PdfObject = string | { dict: string; data: Buffer };

export function makePdf(pages: string[], options: { image?: boolean } = {}): Buffer {
  const objects: PdfObject[] = [];
  const add = (o: PdfObject) => objects.push(o);
  add(""); // 1: catalog, written below
  add(""); // 2: pages, written below
  add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"); // 3
  const image = options.image
    ? add({
        dict: "<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8",
        data: Buffer.alloc(64, 0x60),
      })
    : 0;
  const kids: number[] = [];
  for (const text of pages) {
    const escaped = text.replace(/[\\()]/g, (c) => `\\${c}`);
    const content = image ? `q 200 0 0 200 72 500 cm /Im1 Do Q` : `BT /F1 12 Tf 72 720 Td (${escaped}) Tj ET`;
    const stream = add({ dict: "<<", data: Buffer.from(content, "latin1") });
    const resources = image ? `<< /XObject << /Im1 ${image} 0 R >> >>` : `<< /Font << /F1 3 0 R >> >>`;
    kids.push(
      add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources ${resources} /Contents ${stream} 0 R >>`),
    );
  }
  objects[0] = "<< /Type /Catalog /Pages 2 0 R >>";
  objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(" ")}] /Count ${kids.length} >>`;
  const parts = [Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((o, index) => {
    offsets.push(offset);
    const head = `${index + 1} 0 obj\n`;
    const part =
      typeof o === "string"
        ? Buffer.from(`${head}${o}\nendobj\n`, "latin1")
        : Buffer.concat([
            Buffer.from(`${head}${o.dict} /Length ${o.data.length} >>\nstream\n`, "latin1"),
            o.data,
            Buffer.from("\nendstream\nendobj\n", "latin1"),
          ]);
    parts.push(part);
    offset += part.length;
  });
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("") +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`;
  parts.push(Buffer.from(xref, "latin1"));
  return Buffer.concat(parts);
}

// The same PDF encrypted with Debian's qpdf (AES-256) under a password for opening it
export function encryptPdf(pdf: Buffer, password = "hemmelig"): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), "kb-pdf-"));
  try {
    writeFileSync(path.join(dir, "in.pdf"), pdf);
    execFileSync("qpdf", ["--encrypt", password, `${password}-owner`, "256", "--", "in.pdf", "out.pdf"], { cwd: dir });
    return readFileSync(path.join(dir, "out.pdf"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
