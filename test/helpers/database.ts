import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, inject } from "vitest";
import { createPool, type Pool } from "../../src/db/pool.ts";
import { createLogger } from "../../src/logger.ts";
import { adminQuery, dropDatabase, RUN_PREFIX, withDatabase } from "./cluster.ts";

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  readonly pool: Pool;
}

/** Creates an empty database (no schema) on the test cluster; the caller drops it. */
export async function createEmptyDatabase(): Promise<{ name: string; url: string }> {
  const name = uniqueName();
  await adminQuery(inject("adminUrl"), `create database "${name}"`);
  return { name, url: withDatabase(inject("adminUrl"), name) };
}

function uniqueName(): string {
  const runPid = inject("templateDatabase").split("_")[1];
  return `${RUN_PREFIX}${runPid}_${randomBytes(5).toString("hex")}`;
}

/**
 * A fresh database for this test file, cloned from the migrated template: files run in parallel without
 * seeing each other's rows. Call at the top of a file; the handle is usable inside tests and hooks.
 */
export function useTestDatabase(): TestDatabase {
  let state: { name: string; url: string; pool: Pool } | undefined;
  beforeAll(async () => {
    const name = uniqueName();
    await adminQuery(
      inject("adminUrl"),
      `create database "${name}" template "${inject("templateDatabase")}"`,
    );
    const url = withDatabase(inject("adminUrl"), name);
    state = { name, url, pool: createPool(url, 5, createLogger({ logLevel: "silent" })) };
  });
  afterAll(async () => {
    if (!state) return;
    await state.pool.end();
    await dropDatabase(inject("adminUrl"), state.name);
  });
  const get = () => {
    if (!state) throw new Error("the test database is only available inside tests and hooks");
    return state;
  };
  return {
    get name() {
      return get().name;
    },
    get url() {
      return get().url;
    },
    get pool() {
      return get().pool;
    },
  };
}
