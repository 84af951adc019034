import type { AddressInfo } from "node:net";
import { type App, buildApp } from "./app.ts";
import type { Config } from "./config.ts";
import { type DatabaseHandle, openDatabase } from "./db/connect.ts";
import { migrate, seed } from "./db/migrator.ts";
import { createPool, type Pool } from "./db/pool.ts";
import type { Logger } from "./logger.ts";
import { loadSecrets } from "./secrets.ts";

export interface RunningServer {
  url: string;
  app: App;
  close(): Promise<void>;
}

/** Database up (embedded or DATABASE_URL), schema migrated, first-run seed, HTTP listening. */
export async function startServer(config: Config, log: Logger): Promise<RunningServer> {
  const secrets = await loadSecrets(config.dataDir);
  const database = await openDatabase(config, secrets, log);
  let pool: Pool | undefined;
  let app: App | undefined;
  try {
    await migrate(database.url, log);
    await seed(database.url, log);
    pool = createPool(database.url, config.databasePoolMax, log);
    app = await buildApp({
      config,
      pool,
      log,
      jwtSecret: config.jwtSecret ?? secrets.jwtSecret,
      runJobs: true,
    });
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app?.close().catch(() => {});
    await pool?.end().catch(() => {});
    await database.stop().catch(() => {});
    throw error;
  }
  const address = app.server.address() as AddressInfo;
  const host = ["0.0.0.0", "::"].includes(config.host) ? "localhost" : config.host;
  const url = `http://${host}:${address.port}`;
  return { url, app, close: closer(app, pool, database, log) };
}

function closer(app: App, pool: Pool, database: DatabaseHandle, log: Logger): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= (async () => {
      log.info("shutting down: draining HTTP, closing the pool, stopping the database");
      // Ctrl-C in a terminal signals the embedded PostgreSQL too, which may be gone before the jobs and
      // the pool have said goodbye: their errors then are expected, and must not stop the rest.
      const step = async (name: string, work: () => Promise<void>) => {
        try {
          await work();
        } catch (error) {
          log.warn({ err: error, step: name }, "shutdown step failed; continuing");
        }
      };
      await step("http", () => app.close());
      await step("pool", () => pool.end());
      await database.stop();
      log.info("stopped cleanly");
    })();
    return closing;
  };
}
