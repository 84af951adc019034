import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";

// OWASP's recommended argon2id parameters: 19 MiB of memory, 2 iterations, 1 lane.
// algorithm 2 is Argon2id (a const enum in the typings, which verbatimModuleSyntax cannot import).
const PARAMETERS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

const COMMON = new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));

export type WeakPasswordReason = "length" | "pwned";

/** Why a new password is refused, or an empty list. `pwned`: it is on a list of common passwords. */
export function weakPasswordReasons(password: string): WeakPasswordReason[] {
  const reasons: WeakPasswordReason[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) reasons.push("length");
  if (COMMON.has(password.toLowerCase())) reasons.push("pwned");
  return reasons;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMETERS);
}

// Verifying against this hash when the account does not exist keeps the answer's timing the same.
let decoy: Promise<string> | undefined;

export async function verifyPassword(encoded: string | null | undefined, password: string): Promise<boolean> {
  if (!encoded?.startsWith("$argon2")) {
    decoy ??= hashPassword("decoy password that matches nothing");
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(encoded, password).catch(() => false);
}
