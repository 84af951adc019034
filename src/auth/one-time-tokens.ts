import { createHash, randomInt } from "node:crypto";
import { one } from "../db/query.ts";
import type { Tx } from "../db/scopes.ts";
import { takeOneTimeToken, upsertOneTimeToken } from "./queries.ts";

export type OneTimeTokenType = "confirmation_token" | "recovery_token" | "email_change_token_new";

/** GoTrue's scheme: a 6-digit code for typing, and sha224(email + code) as the hash for links and storage. */
export function tokenHash(email: string, otp: string): string {
  return createHash("sha224")
    .update(email.toLowerCase() + otp)
    .digest("hex");
}

export async function issueOneTimeToken(tx: Tx, userId: string, type: OneTimeTokenType, email: string) {
  const otp = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const hash = tokenHash(email, otp);
  await one(tx, upsertOneTimeToken, [userId, type, hash, email.toLowerCase()]);
  return { otp, hash };
}

/** Single use: the row is deleted as it is read. Undefined when unknown or expired. */
export async function redeemOneTimeToken(
  tx: Tx,
  hash: string,
  type: OneTimeTokenType,
  maxAgeSeconds: number,
) {
  const row = await one(tx, takeOneTimeToken, [hash, type, maxAgeSeconds]);
  if (!row || row.expired) return undefined;
  return { userId: row.user_id, email: row.relates_to };
}
