import type pg from "pg";
import type { Pool } from "./pool.ts";
import { many, type NamedQuery, type Queryable } from "./query.ts";

/** The JWT claims PostgREST would put in `request.jwt.claims`; `auth.uid()` reads `sub` from them. */
export interface JwtClaims {
  role: "anon" | "authenticated";
  sub?: string;
  email?: string;
  app_metadata?: Record<string, unknown>;
  user_metadata?: Record<string, unknown>;
  [claim: string]: unknown;
}

export type Tx = Queryable;

const DATABASE_ROLES = new Set(["anon", "authenticated", "service_role"]);

async function inTransaction<T>(
  pool: Pool,
  role: string,
  claims: Record<string, unknown>,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  if (!DATABASE_ROLES.has(role)) throw new Error(`refusing to run as database role ${role}`);
  const client: pg.PoolClient = await pool.connect();
  let broken: Error | undefined;
  try {
    // Exactly what PostgREST does: transaction-local role and claims, so the policies see the caller.
    // One simple-protocol round trip (values escaped by the driver) instead of two.
    await client.query(
      `begin; select set_config('role', ${client.escapeLiteral(role)}, true), ` +
        `set_config('request.jwt.claims', ${client.escapeLiteral(JSON.stringify(claims))}, true)`,
    );
    const result = await work(client);
    await client.query("commit");
    return result;
  } catch (error) {
    try {
      await client.query("rollback");
    } catch (rollbackError) {
      broken = rollbackError as Error;
    }
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Runs `work` as a signed-in user (or anonymous visitor): row-level security decides what it sees. */
export function asUser<T>(pool: Pool, claims: JwtClaims, work: (tx: Tx) => Promise<T>): Promise<T> {
  return inTransaction(pool, claims.role, claims, work);
}

/** Runs `work` as an anonymous visitor. */
export function asAnon<T>(pool: Pool, work: (tx: Tx) => Promise<T>): Promise<T> {
  return inTransaction(pool, "anon", { role: "anon" }, work);
}

/**
 * THE service scope: bypasses row-level security (role service_role has BYPASSRLS). Only for background
 * jobs, admin work and server-side bookkeeping that no user's policies could allow. Grep for `asService(`
 * to audit every use.
 */
export function asService<T>(pool: Pool, work: (tx: Tx) => Promise<T>): Promise<T> {
  return inTransaction(pool, "service_role", { role: "service_role" }, work);
}

/**
 * The service scope's fast path for one read-only statement on the request's hot path (the session check
 * behind every signed-in request): one round trip, no transaction, run as the pool's own role — the schema
 * owner, which like service_role is not subject to RLS. Same audit rule: grep for `asService`.
 */
asService.read = async <Row>(pool: Pool, q: NamedQuery<Row>, values: unknown[] = []): Promise<Row[]> => {
  if (!/^\s*select\b/i.test(q.text))
    throw new Error(`asService.read runs only SELECT statements, not ${q.name}`);
  return many(pool, q, values);
};
