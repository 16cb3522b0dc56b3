import { cp, mkdtemp, readFile, writeFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export const fixtureContent = path.resolve(import.meta.dirname, "../fixtures/content");

// Copy the fixture catalogue to a temporary folder that a test may change
export async function scratchContent() {
  const dir = await mkdtemp(path.join(tmpdir(), "kb-content-"));
  await cp(fixtureContent, dir, { recursive: true });
  return {
    dir,
    async edit(file: string, change: (text: string) => string) {
      const full = path.join(dir, file);
      await writeFile(full, change(await readFile(full, "utf8")));
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
