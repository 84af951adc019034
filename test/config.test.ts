import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";
import { cliEnv, runCli } from "./helpers/cli.ts";

describe("loadConfig", () => {
  it("has working defaults", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: "0.0.0.0", databaseUrl: undefined, corsOrigins: [] });
    expect(config.dataDir).toBe(path.resolve("data"));
  });

  it("reads and converts every variable", () => {
    const config = loadConfig({
      PORT: "8080",
      DATA_DIR: "/tmp/x",
      DATABASE_URL: "postgresql://u:p@db:6543/app",
      CORS_ORIGINS: "https://a.example, https://b.example",
      BODY_LIMIT_BYTES: "2048",
      LOG_LEVEL: "debug",
    });
    expect(config).toMatchObject({
      port: 8080,
      dataDir: "/tmp/x",
      databaseUrl: "postgresql://u:p@db:6543/app",
      corsOrigins: ["https://a.example", "https://b.example"],
      bodyLimitBytes: 2048,
      logLevel: "debug",
    });
  });

  it.each([
    [{ PORT: "abc" }, /PORT must be a whole number.*"abc"/],
    [{ PORT: "70000" }, /PORT must be/],
    [{ DATABASE_URL: "mysql://x" }, /DATABASE_URL must be a postgres/],
    [{ LOG_LEVEL: "loud" }, /LOG_LEVEL/],
    [{ JWT_SECRET: "short" }, /JWT_SECRET must be at least 32/],
  ])("rejects %o with a message naming the variable", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it("never echoes secrets in its messages", () => {
    expect(() => loadConfig({ JWT_SECRET: "hunter2" })).not.toThrow(/hunter2/);
    expect(() => loadConfig({ DATABASE_URL: "mysql://root:hunter2@x" })).not.toThrow(/hunter2/);
  });
});

describe("bad configuration at the command line", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "rehearse-config-"));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("PORT=abc exits non-zero with one line naming PORT", async () => {
    const result = await runCli(["serve"], cliEnv({ PORT: "abc", DATA_DIR: dataDir }));
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/PORT must be a whole number/);
  });

  it("an unreachable DATABASE_URL exits non-zero with one line naming it, without the password", async () => {
    const result = await runCli(
      ["serve"],
      cliEnv({ DATABASE_URL: "postgres://app:s3cret@127.0.0.1:1/nothing", DATA_DIR: dataDir }),
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/Cannot connect to the database at 127\.0\.0\.1:1\/nothing/);
    expect(result.stderr + result.stdout).not.toMatch(/s3cret/);
  });

  it("an unknown command prints usage and exits 2", async () => {
    const result = await runCli(["frobnicate"], cliEnv({ DATA_DIR: dataDir }));
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/Usage: rehearse/);
  });
});
