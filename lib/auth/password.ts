import "server-only";
import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";

// argon2id at OWASP's first recommended setting: 19 MiB of memory, 2 iterations, 1 degree of parallelism.
const options = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum) */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const passwordLength = { min: 12, max: 128 } as const;

const common = new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));

export type PasswordProblem = "tooShort" | "tooLong" | "common";

// Say what is wrong with a new password, or null when it may be used
export function passwordProblem(password: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < passwordLength.min) return "tooShort";
  if (length > passwordLength.max) return "tooLong";
  if (common.has(password.toLowerCase())) return "common";
  return null;
}

// Hash a password with argon2id
export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

// A hash of no one's password, verified when the account does not exist so that both answers take as long
let dummyHash: Promise<string> | undefined;

// Check a password against its hash (or against a dummy hash when there is no account)
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (password.length > passwordLength.max * 4) return false;
  if (!passwordHash) {
    dummyHash ??= hashPassword("no account has this password, it only costs the same time");
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
