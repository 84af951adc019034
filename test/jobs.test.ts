import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createPool, type Pool } from "../src/db/pool.ts";
import { EventBus } from "../src/events/bus.ts";
import type { JobContext, JobModule } from "../src/jobs/job.ts";
import { JobRunner } from "../src/jobs/runner.ts";
import { createLogger } from "../src/logger.ts";
import { useTestDatabase } from "./helpers/database.ts";

// pg-boss on the real database: jobs run once, failures retry, keys de-duplicate, processes share queues.

const db = useTestDatabase();
const log = createLogger({ logLevel: "silent" });
const runners: JobRunner[] = [];
const pools: Pool[] = [];
const failuresLeft = new Map<string, number>();

// A job that records each run, failing the first N times for a given key.
const recordJob: JobModule<{ key: string }> = {
  queue: "test-record",
  options: {
    retryLimit: 3,
    retryDelaySeconds: 1,
    retryBackoff: false,
    expireInSeconds: 30,
    policy: "stately",
  },
  data: z.object({ key: z.string() }),
  async handle({ key }, context: JobContext) {
    await context.pool.query("insert into job_runs (key, runner) values ($1, $2)", [
      key,
      String(process.pid),
    ]);
    const left = failuresLeft.get(key) ?? 0;
    if (left > 0) {
      failuresLeft.set(key, left - 1);
      throw new Error(`transient failure for ${key}`);
    }
    await context.pool.query("insert into job_done (key) values ($1) on conflict (key) do nothing", [key]);
  },
};

async function startRunner(): Promise<JobRunner> {
  const pool = createPool(db.url, 4, log);
  pools.push(pool);
  const runner = new JobRunner(pool, log, 0.5);
  // This job needs no storage.
  await runner.start([recordJob], {
    pool,
    log,
    events: new EventBus({ pool, log }),
    store: undefined as never,
  });
  runners.push(runner);
  return runner;
}

async function until(predicate: () => Promise<boolean>, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const runs = async (key: string) =>
  (await db.pool.query("select count(*)::int as n from job_runs where key = $1", [key])).rows[0].n as number;
const done = async (key: string) =>
  (await db.pool.query("select count(*)::int as n from job_done where key = $1", [key])).rows[0].n as number;

beforeAll(async () => {
  await db.pool.query("create table job_runs (key text, runner text, at timestamptz default now())");
  await db.pool.query("create table job_done (key text primary key)");
});

afterAll(async () => {
  for (const runner of runners) await runner.stop();
  for (const pool of pools) await pool.end();
});

describe("background jobs", () => {
  it("run a queued job", async () => {
    const runner = await startRunner();
    expect(await runner.send(recordJob, { key: "a" }, "a")).toBeTruthy();
    await until(async () => (await done("a")) === 1);
    expect(await runs("a")).toBe(1);
  });

  it("retry a failing job until it succeeds", async () => {
    const runner = runners[0] ?? (await startRunner());
    failuresLeft.set("b", 2);
    await runner.send(recordJob, { key: "b" }, "b");
    await until(async () => (await done("b")) === 1);
    expect(await runs("b")).toBe(3);
  });

  it("queue one job per key while one is waiting", async () => {
    const runner = runners[0] ?? (await startRunner());
    failuresLeft.set("c", 1);
    // Held back a second so it is surely still waiting when the duplicate arrives.
    const first = await runner.send(recordJob, { key: "c" }, "c", { startAfterSeconds: 1 });
    const second = await runner.send(recordJob, { key: "c" }, "c");
    expect(first).toBeTruthy();
    expect(second).toBeNull();
    await until(async () => (await done("c")) === 1);
  });

  it("refuse data of the wrong shape before queueing it", async () => {
    const runner = runners[0] ?? (await startRunner());
    await expect(runner.send(recordJob, { key: 42 } as never)).rejects.toThrow();
  });

  it("share queues across processes: each job runs once", async () => {
    await startRunner();
    const runner = runners[0] as JobRunner;
    const keys = Array.from({ length: 10 }, (_, i) => `shared-${i}`);
    for (const key of keys) expect(await runner.send(recordJob, { key }, key)).toBeTruthy();
    await until(async () => {
      const { rows } = await db.pool.query(
        "select count(*)::int as n from job_done where key like 'shared-%'",
      );
      return rows[0].n === keys.length;
    });
    const { rows } = await db.pool.query("select count(*)::int as n from job_runs where key like 'shared-%'");
    expect(rows[0].n).toBe(keys.length);
  });
});
