import { type App, buildApp } from "../../src/app.ts";
import { type Config, loadConfig } from "../../src/config.ts";
import type { Pool } from "../../src/db/pool.ts";
import { createLogger } from "../../src/logger.ts";

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent" }), ...overrides };
}

export async function buildTestApp(pool: Pool, overrides: Partial<Config> = {}): Promise<App> {
  const config = testConfig(overrides);
  return buildApp({ config, pool, log: createLogger(config) });
}
