// `npm run admin:create -- --email <address> --name "<name>" [--role admin|editor]`: creates a staff account.
// The password comes from ADMIN_PASSWORD or is asked for on the terminal (not echoed).
import { parseArgs } from "node:util";
import { createInterface } from "node:readline";
import { openDatabase } from "@/lib/database/runtime";
import { applyMigrations } from "@/lib/database/migrations";
import { createPrismaClient } from "@/lib/database/client";
import { createStaff } from "@/lib/auth/staff";
import { passwordLength } from "@/lib/auth/password";

function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const output = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
    output._writeToOutput = (s: string) => {
      if (s.startsWith(question)) output.output.write(s);
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write("\n");
      resolve(answer);
    });
  });
}

async function main() {
  const { values } = parseArgs({
    options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string", default: "admin" } },
  });
  if (!values.email || !values.name || !["admin", "editor"].includes(values.role ?? "")) {
    throw new Error('usage: npm run admin:create -- --email <address> --name "<name>" [--role admin|editor]');
  }
  let password = process.env.ADMIN_PASSWORD;
  if (!password) {
    if (!process.stdin.isTTY) throw new Error("Set ADMIN_PASSWORD or run in a terminal to type the password.");
    password = await askHidden(`Password (${passwordLength.min} to ${passwordLength.max} characters): `);
  }
  const database = await openDatabase({ share: false });
  const client = createPrismaClient(database.url, 2);
  try {
    await applyMigrations(database.url);
    const outcome = await createStaff(client, {
      email: values.email,
      name: values.name,
      role: values.role as "admin" | "editor",
      password,
    });
    if (outcome.status === "created") console.log(`Created ${values.role} ${values.email.toLowerCase()}.`);
    else {
      console.error(
        outcome.status === "exists"
          ? "An account with this e-mail already exists."
          : `The password is not accepted: ${
              { tooShort: "too short", tooLong: "too long", common: "it is on the list of common passwords" }[
                outcome.problem
              ]
            }.`,
      );
      process.exitCode = 1;
    }
  } finally {
    await client.$disconnect();
    await database.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
