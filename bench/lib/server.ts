import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../../src/system/processes.ts";

const root = path.resolve(import.meta.dirname, "../..");

export interface BenchServer {
  url: string;
  pid: number;
  anonKey: string;
  /** Runs another `rehearse` command against the same server (its DATA_DIR and database). */
  cli(args: string[]): Promise<string>;
  stop(): Promise<void>;
}

/** `rehearse serve` in its own process on a temporary DATA_DIR (embedded PostgreSQL), as a user runs it. */
export async function startBenchServer(env: Record<string, string> = {}): Promise<BenchServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "rehearse-bench-"));
  const port = await freePort();
  const fullEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
    DATABASE_URL: "",
    ...env,
  };
  const child: ChildProcess = spawn(path.join(root, "bin/rehearse"), ["serve"], {
    env: fullEnv,
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk) => {
      out += chunk;
      if (out.includes("Rehearse is running at")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  const keys = await new Promise<string>((resolve, reject) => {
    const k = spawn(path.join(root, "bin/rehearse"), ["keys", "--json"], { env: fullEnv });
    let out = "";
    k.stdout.on("data", (chunk) => {
      out += chunk;
    });
    k.once("exit", (code) => (code === 0 ? resolve(out) : reject(new Error("keys failed"))));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    anonKey: JSON.parse(keys).anon,
    cli: (args) =>
      new Promise<string>((resolve, reject) => {
        const run = spawn(path.join(root, "bin/rehearse"), args, { env: fullEnv });
        let out = "";
        run.stdout.on("data", (chunk) => {
          out += chunk;
        });
        run.once("exit", (code) =>
          code === 0 ? resolve(out) : reject(new Error(`rehearse ${args[0]} failed`)),
        );
      }),
    stop: async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGINT");
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: options.method ?? "GET", headers: options.headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on("error", reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

/** Runs `work` from `concurrency` loops for `seconds`; returns completed requests per second. */
export async function throughput(concurrency: number, seconds: number, work: () => Promise<boolean>) {
  const deadline = performance.now() + seconds * 1000;
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        if (await work()) ok++;
        else failed++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { perSecond: ok / elapsed, ok, failed };
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
