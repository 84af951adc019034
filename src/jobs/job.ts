import type { z } from "zod";
import type { Pool } from "../db/pool.ts";
import type { EventBus } from "../events/bus.ts";
import type { Logger } from "../logger.ts";

/** What a job's handler may use. */
export interface JobContext {
  pool: Pool;
  log: Logger;
  events: EventBus;
}

/**
 * One background job: its queue, its retry policy, the shape of its data, and an idempotent handler
 * (a retried or duplicated job must leave the same result as a single run).
 */
export interface JobModule<Data> {
  queue: string;
  options: {
    retryLimit: number;
    retryDelaySeconds: number;
    retryBackoff: boolean;
    expireInSeconds: number;
    /** pg-boss's queue policy; "stately": per key, at most one job waiting and one running. */
    policy: "standard" | "short" | "singleton" | "stately";
  };
  data: z.ZodType<Data>;
  handle(data: Data, context: JobContext): Promise<void>;
}

// biome-ignore lint/suspicious/noExplicitAny: a registry holds jobs of every data type
export type AnyJob = JobModule<any>;
