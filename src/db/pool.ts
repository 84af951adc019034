import pg from "pg";
import type { Logger } from "../logger.ts";

// int8 (bigint, count(*)) and numeric arrive as strings by default; our sizes, counts and DECIMAL(3,2)
// scores all fit in a double exactly enough.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

export type Pool = pg.Pool;

export function createPool(url: string, max: number, log: Logger): Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: "rehearse",
  });
  // An idle connection dropped by the server (restart, failover) must not crash the process;
  // the pool discards it and the next checkout opens a new one.
  pool.on("error", (error) => log.warn({ err: error }, "idle database connection lost"));
  return pool;
}
