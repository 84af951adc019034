import type { Pool } from "../db/pool.ts";
import { asAnon, asService, asUser, type Tx } from "../db/scopes.ts";
import type { Caller } from "./service.ts";

/**
 * Runs work in the database scope that matches the caller: a user's RLS scope, anonymous, or — for the
 * service-role key, which exists to bypass RLS — the service scope.
 */
export function asCaller<T>(
  pool: Pool,
  caller: Caller | undefined,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  if (caller?.kind === "user") return asUser(pool, caller.claims, work);
  if (caller?.kind === "service") return asService(pool, work);
  return asAnon(pool, work);
}
