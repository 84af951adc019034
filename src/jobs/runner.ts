import PgBoss from "pg-boss";
import type { Pool } from "../db/pool.ts";
import type { Logger } from "../logger.ts";
import type { AnyJob, JobContext, JobModule } from "./job.ts";

/**
 * Background jobs in PostgreSQL through pg-boss, over the server's own pool. Several server processes on
 * one database share the queues; each job is fetched by one worker at a time.
 */
export class JobRunner {
  private readonly boss: PgBoss;
  private readonly jobs = new Map<string, AnyJob>();

  constructor(
    pool: Pool,
    private readonly log: Logger,
    private readonly pollingIntervalSeconds = 0.5,
  ) {
    this.boss = new PgBoss({
      db: { executeSql: (text, values) => pool.query(text, values) },
      schema: "pgboss",
      // Maintenance (expiry, archiving) runs in every process; pg-boss coordinates it through the database.
      supervise: true,
      schedule: false,
    });
    this.boss.on("error", (error) => log.warn({ err: error }, "job queue error"));
  }

  private started: Promise<unknown> | undefined;

  /** Creates the queues and starts working them with `context`. */
  async start(jobs: AnyJob[], context: JobContext): Promise<void> {
    this.started = this.boss.start();
    await this.started;
    for (const job of jobs) {
      await this.createQueue(job);
      await this.boss.work(
        job.queue,
        { pollingIntervalSeconds: this.pollingIntervalSeconds, batchSize: 1, includeMetadata: true },
        async ([raw]) => {
          if (!raw) return;
          const data = job.data.parse(raw.data);
          const started = performance.now();
          try {
            await job.handle(data, context, {
              id: raw.id,
              retryCount: raw.retryCount,
              retryLimit: raw.retryLimit,
            });
            this.log.info(
              { queue: job.queue, jobId: raw.id, ms: Math.round(performance.now() - started) },
              "job done",
            );
          } catch (error) {
            this.log.warn(
              { queue: job.queue, jobId: raw.id, err: error },
              "job failed; pg-boss retries it if it may",
            );
            throw error;
          }
        },
      );
    }
  }

  private async createQueue(job: AnyJob): Promise<void> {
    this.jobs.set(job.queue, job);
    await this.boss.createQueue(job.queue, {
      name: job.queue,
      retryLimit: job.options.retryLimit,
      retryDelay: job.options.retryDelaySeconds,
      retryBackoff: job.options.retryBackoff,
      expireInSeconds: job.options.expireInSeconds,
      policy: job.options.policy,
    });
  }

  /**
   * Queues a job. With `key`, at most one job with that key is waiting or running in the queue at a time:
   * asking twice while the first has not finished queues nothing new.
   */
  async send<Data>(
    job: JobModule<Data>,
    data: Data,
    key?: string,
    options: { startAfterSeconds?: number } = {},
  ): Promise<string | null> {
    job.data.parse(data);
    // A process that works no queue still sends to them: pg-boss starts, and the queue exists, on first use.
    this.started ??= this.boss.start();
    await this.started;
    if (!this.jobs.has(job.queue)) await this.createQueue(job as AnyJob);
    // Without a key, a keyed policy would treat every job as the same one.
    if (job.options.policy !== "standard" && !key)
      throw new Error(`queue ${job.queue} needs a key for each job`);
    return this.boss.send(job.queue, data as object, {
      ...(key ? { singletonKey: key } : {}),
      ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
    });
  }

  /** Lets running jobs finish (up to 10 s); a database already gone at shutdown is not an error here. */
  async stop(): Promise<void> {
    if (!this.started) return;
    try {
      await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    } catch (error) {
      this.log.warn({ err: error }, "job queue did not stop cleanly");
    }
  }
}
