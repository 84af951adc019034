import { setAppMetadataRole } from "../auth/queries.ts";
import { createPool } from "../db/pool.ts";
import { one } from "../db/query.ts";
import { asService } from "../db/scopes.ts";
import type { Logger } from "../logger.ts";

/** Gives or takes away the admin role; false when no user has that address. */
export async function setAdmin(url: string, log: Logger, email: string, admin: boolean): Promise<boolean> {
  const pool = createPool(url, 1, log);
  try {
    const row = await asService(pool, (tx) =>
      one(tx, setAppMetadataRole, [email.trim(), admin ? "admin" : null]),
    );
    return row !== undefined;
  } finally {
    await pool.end();
  }
}
