import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { type App, buildApp } from "../../src/app.ts";
import type { Mailer } from "../../src/auth/mailer.ts";
import { type Config, loadConfig } from "../../src/config.ts";
import type { Pool } from "../../src/db/pool.ts";
import { createLogger } from "../../src/logger.ts";

// One scratch DATA_DIR per test file (each file runs in its own process): stored objects land there.
const dataDir = mkdtempSync(path.join(tmpdir(), "rehearse-test-data-"));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", DATA_DIR: dataDir }), ...overrides };
}

export const TEST_JWT_SECRET = "test-secret-test-secret-test-secret-0123456789";

export async function buildTestApp(
  pool: Pool,
  overrides: Partial<Config> = {},
  mailer?: Mailer,
  options: { runJobs?: boolean } = {},
): Promise<App> {
  const config = testConfig(overrides);
  return buildApp({
    config,
    pool,
    log: createLogger(config),
    jwtSecret: TEST_JWT_SECRET,
    sweepIntervalMs: 0,
    runJobs: options.runJobs ?? false,
    ...(mailer ? { mailer } : {}),
  });
}
