// npm run bench:start — time from the run command (`npm start`) to a healthy /health, for first starts
// (empty DATA_DIR: initdb, migrations, seed) and later starts (reused DATA_DIR), median of 5 each, and the
// server process's peak memory while idle. Goals: first ≤ 15 s, later ≤ 5 s, server ≤ 200 MB.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../src/system/processes.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const root = path.resolve(import.meta.dirname, "..");

async function waitHealthy(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.status === 200) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${url} not healthy in time`);
}

async function descendants(pid: number): Promise<number[]> {
  const parents = new Map<number, number[]>();
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {}
  }
  const found: number[] = [];
  const walk = (p: number) => {
    for (const child of parents.get(p) ?? []) {
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}

async function memoryOf(pid: number): Promise<{ rssMb: number; peakMb: number }> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? 0);
  return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
}

async function serverPid(npm: ChildProcess): Promise<number | undefined> {
  for (const pid of await descendants(npm.pid ?? 0)) {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
    if (cmdline.includes("main.ts") && cmdline.includes("serve")) return pid;
  }
  return undefined;
}

async function startOnce(dataDir: string, measureMemory: boolean) {
  const port = await freePort();
  const began = performance.now();
  const npm = spawn("npm", ["start", "--silent"], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: "warn", DATABASE_URL: "" },
    stdio: "ignore",
    detached: true,
  });
  const exited = new Promise((resolve) => npm.on("exit", resolve));
  try {
    await waitHealthy(`http://127.0.0.1:${port}/health`, Date.now() + 120_000);
    const seconds = (performance.now() - began) / 1000;
    let memory: { rssMb: number; peakMb: number } | undefined;
    if (measureMemory) {
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const pid = await serverPid(npm);
      if (pid) memory = await memoryOf(pid);
    }
    return { seconds, memory };
  } finally {
    process.kill(-(npm.pid ?? 0), "SIGINT");
    await exited;
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

const first: number[] = [];
const later: number[] = [];
const dirs: string[] = [];
let memory: { rssMb: number; peakMb: number } | undefined;
try {
  for (let i = 0; i < RUNS; i++) {
    const dir = await mkdtemp(path.join(tmpdir(), "rehearse-bench-"));
    dirs.push(dir);
    first.push((await startOnce(dir, false)).seconds);
  }
  const reused = dirs[0] ?? "";
  for (let i = 0; i < RUNS; i++) {
    const run = await startOnce(reused, i === RUNS - 1);
    later.push(run.seconds);
    memory = run.memory ?? memory;
  }
} finally {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
}

const fmt = (n: number) => n.toFixed(2);
console.log(
  `first start (empty DATA_DIR): median ${fmt(median(first))} s  [${first.map(fmt).join(", ")}]  goal ≤ 15 s  → ${fmt(median(first) / 15)} of budget`,
);
console.log(
  `later start (reused DATA_DIR): median ${fmt(median(later))} s  [${later.map(fmt).join(", ")}]  goal ≤ 5 s  → ${fmt(median(later) / 5)} of budget`,
);
if (memory) {
  console.log(
    `server process idle: RSS ${fmt(memory.rssMb)} MB, peak ${fmt(memory.peakMb)} MB  goal ≤ 200 MB  → ${fmt(memory.peakMb / 200)} of budget`,
  );
}
