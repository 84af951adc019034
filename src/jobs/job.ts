import type { z } from "zod";
import type { ReviewProvider } from "../ai/resume-review.ts";
import type { Pool } from "../db/pool.ts";
import type { EventBus } from "../events/bus.ts";
import type { Logger } from "../logger.ts";
import type { ObjectStore } from "../storage/objects.ts";

/** What a job's handler may use. */
export interface JobContext {
  pool: Pool;
  log: Logger;
  events: EventBus;
  store: ObjectStore;
  /** The configured language model, when AI_PROVIDER is not builtin. */
  reviewer?: ReviewProvider | undefined;
  /** Turns a stored recording into a scored answer (src/interviews/voice-answers.ts). */
  speech?:
    | {
        process(responseId: string): Promise<void>;
        giveUp(responseId: string, error?: unknown): Promise<void>;
      }
    | undefined;
}

/** Which attempt this is: the last one may give up cleanly instead of failing again. */
export interface JobAttempt {
  id: string;
  retryCount: number;
  retryLimit: number;
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
  handle(data: Data, context: JobContext, attempt: JobAttempt): Promise<void>;
}

// biome-ignore lint/suspicious/noExplicitAny: a registry holds jobs of every data type
export type AnyJob = JobModule<any>;
