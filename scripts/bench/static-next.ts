// The framework's own ceiling: a minimal Next.js app (the project's installed next and react) with
// one prerendered static page per measured page, padded to the same number of HTML bytes. It is
// generated into .bench/static-app and rebuilt only when the wanted sizes change.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

// The `next` command of the project's install (its bin entry runs on the project's Node)
export const nextBin = path.resolve("node_modules", ".bin", "next");

type Sizes = Record<string, number>;

const sentence = "Kommunen og de sociale virksomheder arbejder sammen om job, uddannelse og lokale netvaerk. ";

function page(padding: number) {
  // ASCII-safe filler: each character costs one byte in the HTML and one in the inline RSC payload
  const text = sentence.repeat(Math.ceil(padding / sentence.length) + 1).slice(0, Math.max(0, padding));
  return `export const dynamic = "force-static";

export default function Page() {
  return (
    <main>
      <h1>Static page</h1>
      <p>${JSON.stringify(text).slice(1, -1)}</p>
    </main>
  );
}
`;
}

function write(dir: string, root: string, paddings: Sizes) {
  rmSync(path.join(dir, "app"), { recursive: true, force: true });
  mkdirSync(path.join(dir, "app"), { recursive: true });
  writeFileSync(
    path.join(dir, "next.config.mjs"),
    `export default { poweredByHeader: false, turbopack: { root: ${JSON.stringify(root)} }, outputFileTracingRoot: ${JSON.stringify(root)} };\n`,
  );
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ private: true, type: "module" }) + "\n");
  // An instrumentation hook of its own that does nothing: without one, Turbopack builds the project's
  // instrumentation.ts (found under turbopack.root) into this app, and the baseline would run the site's start-up.
  writeFileSync(path.join(dir, "instrumentation.js"), "export function register() {}\n");
  writeFileSync(
    path.join(dir, "app", "layout.jsx"),
    `export const metadata = { title: "Static" };

export default function RootLayout({ children }) {
  return (
    <html lang="da">
      <body>{children}</body>
    </html>
  );
}
`,
  );
  for (const [name, padding] of Object.entries(paddings)) {
    mkdirSync(path.join(dir, "app", name), { recursive: true });
    writeFileSync(path.join(dir, "app", name, "page.jsx"), page(padding));
  }
}

function build(dir: string, log: string) {
  const r = spawnSync(nextBin, ["build"], {
    cwd: dir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
  });
  writeFileSync(log, `${r.stdout}\n${r.stderr}`);
  if (r.status !== 0) throw new Error(`building the minimal Next.js app failed; see ${log}`);
}

function builtSizes(dir: string, names: string[]): Sizes {
  const out: Sizes = {};
  const appDir = path.join(dir, ".next", "server", "app");
  for (const name of names) {
    const file = path.join(appDir, `${name}.html`);
    out[name] = existsSync(file) ? readFileSync(file).length : -1;
  }
  return out;
}

const closeEnough = (a: number, b: number) => Math.abs(a - b) <= Math.max(64, b * 0.01);

// Make sure .bench/static-app holds a built app whose page `name` is targets[name] bytes long
export function prepareStaticApp(dir: string, root: string, targets: Sizes, log: string): Sizes {
  mkdirSync(dir, { recursive: true });
  const names = Object.keys(targets);
  const stateFile = path.join(dir, "state.json");
  const state = existsSync(stateFile) ? (JSON.parse(readFileSync(stateFile, "utf8")) as { paddings: Sizes }) : null;
  if (state && existsSync(path.join(dir, ".next", "BUILD_ID"))) {
    const sizes = builtSizes(dir, names);
    const sameNames = readdirSync(path.join(dir, "app")).filter((n) => !n.includes(".")).length === names.length;
    if (sameNames && names.every((n) => closeEnough(sizes[n]!, targets[n]!))) return sizes;
  }
  // First build: guess; the inline RSC payload repeats the text, so each padding byte counts twice
  let paddings: Sizes = Object.fromEntries(names.map((n) => [n, Math.max(0, Math.round((targets[n]! - 9000) / 2))]));
  for (let attempt = 0; attempt < 3; attempt++) {
    write(dir, root, paddings);
    build(dir, log);
    const sizes = builtSizes(dir, names);
    writeFileSync(stateFile, JSON.stringify({ paddings }) + "\n");
    if (names.every((n) => closeEnough(sizes[n]!, targets[n]!))) return sizes;
    paddings = Object.fromEntries(
      names.map((n) => [n, Math.max(0, paddings[n]! + Math.round((targets[n]! - sizes[n]!) / 2))]),
    );
  }
  return builtSizes(dir, names);
}
