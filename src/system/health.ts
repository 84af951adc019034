import type { Pool } from "../db/pool.ts";
import { one } from "../db/query.ts";
import { ping } from "./queries.ts";

export type DatabaseHealth = "ok" | "unreachable";

const PING_TIMEOUT_MS = 2_000;

/** A cheap round trip; "unreachable" if it fails or takes longer than two seconds. */
export async function checkDatabase(pool: Pool): Promise<DatabaseHealth> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"unreachable">((resolve) => {
    timer = setTimeout(() => resolve("unreachable"), PING_TIMEOUT_MS);
  });
  const round = one(pool, ping)
    .then((row): DatabaseHealth => (row?.ok === 1 ? "ok" : "unreachable"))
    .catch((): DatabaseHealth => "unreachable");
  try {
    return await Promise.race([round, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
