// RFC 4287's RELAX NG schema (tests/fixtures/atom) applied with xmllint, Debian's libxml2-utils
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const schema = path.resolve("tests/fixtures/atom/atom.rng");

// Validate a document against the schema; xmllint missing is an error, never a pass
export function validateAtom(xml: string): { ok: boolean; output: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "atom-"));
  const file = path.join(dir, "feed.xml");
  writeFileSync(file, xml);
  const run = spawnSync("xmllint", ["--noout", "--relaxng", schema, file], { encoding: "utf8" });
  rmSync(dir, { recursive: true, force: true });
  if (run.error) throw new Error(`xmllint is needed (apt-get install libxml2-utils): ${run.error.message}`);
  return { ok: run.status === 0, output: run.stderr };
}
