// Attachments that name a file of the catalogue ("files/<name>") must find that file in content/files,
// with the size they claim: a download that answers 404, or a size that is not the file's, is refused.
import { statSync } from "node:fs";
import path from "node:path";
import type { ItemData } from "./schema";

export type AttachmentProblem = { item: ItemData; field: string; message: string };

// Check every attachment of the catalogue's items against the files in filesDir
export function missingAttachmentFiles(items: ItemData[], filesDir: string): AttachmentProblem[] {
  const problems: AttachmentProblem[] = [];
  for (const item of items)
    item.data.attachments.forEach((attachment, index) => {
      const match = attachment.location.match(/^files\/(.+)$/);
      if (!match) {
        if (!/^https?:\/\//.test(attachment.location))
          problems.push({
            item,
            field: `attachments[${index}].location`,
            message: `"${attachment.location}" must be files/<name> (a file in content/files) or an absolute http(s) address`,
          });
        return;
      }
      const name = match[1]!;
      const file = path.join(filesDir, name);
      let size: number;
      try {
        const stat = statSync(file);
        if (!stat.isFile()) throw new Error("not a file");
        size = stat.size;
      } catch {
        problems.push({
          item,
          field: `attachments[${index}].location`,
          message: `the file "${name}" is not in ${path.basename(path.dirname(filesDir))}/files, so the download would not exist`,
        });
        return;
      }
      if (size !== attachment.sizeBytes)
        problems.push({
          item,
          field: `attachments[${index}].sizeBytes`,
          message: `says ${attachment.sizeBytes} bytes, but the file "${name}" holds ${size}`,
        });
    });
  return problems;
}
