import { type App, buildApp } from "../../src/app.ts";
import type { Mailer } from "../../src/auth/mailer.ts";
import { type Config, loadConfig } from "../../src/config.ts";
import type { Pool } from "../../src/db/pool.ts";
import { createLogger } from "../../src/logger.ts";

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent" }), ...overrides };
}

export const TEST_JWT_SECRET = "test-secret-test-secret-test-secret-0123456789";

export async function buildTestApp(
  pool: Pool,
  overrides: Partial<Config> = {},
  mailer?: Mailer,
): Promise<App> {
  const config = testConfig(overrides);
  return buildApp({
    config,
    pool,
    log: createLogger(config),
    jwtSecret: TEST_JWT_SECRET,
    ...(mailer ? { mailer } : {}),
  });
}
