// `npm run admin:create -- --email <address> --name "<name>" [--role admin|editor]`: creates a staff account.
// The password comes from ADMIN_PASSWORD or is asked for on the terminal (not echoed).
import { parseArgs } from "node:util";
import { createInterface } from "node:readline";
import { createStaff } from "@/lib/auth/staff";
import { passwordLength } from "@/lib/auth/password";
import { withDatabase } from "./with-database";

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
  const { email, name, role } = values;
  let typed = process.env.ADMIN_PASSWORD;
  if (!typed) {
    if (!process.stdin.isTTY) throw new Error("Set ADMIN_PASSWORD or run in a terminal to type the password.");
    typed = await askHidden(`Password (${passwordLength.min} to ${passwordLength.max} characters): `);
  }
  const password = typed;
  await withDatabase(
    async (client) => {
      const outcome = await createStaff(client, {
        email,
        name,
        role: role as "admin" | "editor",
        password,
      });
      if (outcome.status === "created") console.log(`Created ${role} ${email.toLowerCase()}.`);
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
    },
    { migrate: true },
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
