// npm run bench:storage — upload and download a 50 MB WAV through /storage/v1 of `rehearse serve` (its own
// process, embedded PostgreSQL), beside a plain streamed copy of the same bytes on the same disk, and the
// server's memory growth during the upload. Goals: throughput ≥ 50% of the plain copy; growth ≤ 30 MB.
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { request, startBenchServer } from "./lib/server.ts";

const SIZE = 50_000_000;
const MB = 1_000_000;
const work = await mkdtemp(path.join(tmpdir(), "rehearse-bench-storage-"));
const source = path.join(work, "answer.wav");

function wavHeader(dataBytes: number): Buffer {
  const header = Buffer.alloc(44);
  header.write("RIFF", 0);
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write("WAVEfmt ", 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(16_000, 24);
  header.writeUInt32LE(32_000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36);
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

await writeFile(source, Buffer.concat([wavHeader(SIZE - 44), randomBytes(SIZE - 44)]));

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0) / 1024;
}

const server = await startBenchServer({ AUTH_AUTOCONFIRM: "true" });
try {
  const json = { "content-type": "application/json", apikey: server.anonKey };
  const signup = await request(`${server.url}/auth/v1/signup`, {
    method: "POST",
    headers: json,
    body: JSON.stringify({
      email: "storage-bench@example.test",
      password: "a bench passphrase",
      data: { full_name: "Bench" },
    }),
  });
  const session = JSON.parse(signup.body) as { access_token: string; user: { id: string } };
  const auth = { apikey: server.anonKey, authorization: `Bearer ${session.access_token}` };
  const objectPath = `/storage/v1/object/interview-audio/${session.user.id}/answer.wav`;

  // Plain copy of the same bytes, streamed, as the yardstick.
  const copyStart = performance.now();
  await pipeline(createReadStream(source), createWriteStream(path.join(work, "copy.wav")));
  const copySeconds = (performance.now() - copyStart) / 1000;

  const baseline = await rssMb(server.pid);
  let peak = baseline;
  const sampler = setInterval(async () => {
    peak = Math.max(peak, await rssMb(server.pid).catch(() => 0));
  }, 10);
  const uploadStart = performance.now();
  const status = await new Promise<number>((resolve, reject) => {
    const req = http.request(
      `${server.url}${objectPath}`,
      { method: "POST", headers: { ...auth, "content-type": "audio/wav", "content-length": SIZE } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    createReadStream(source).pipe(req);
  });
  const uploadSeconds = (performance.now() - uploadStart) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, await rssMb(server.pid));
  if (status !== 200) throw new Error(`upload answered ${status}`);

  const downloadStart = performance.now();
  let received = 0;
  await new Promise<void>((resolve, reject) => {
    http
      .get(`${server.url}${objectPath}`, { headers: auth }, (res) => {
        res.on("data", (chunk: Buffer) => {
          received += chunk.length;
        });
        res.on("end", () => resolve());
      })
      .on("error", reject);
  });
  const downloadSeconds = (performance.now() - downloadStart) / 1000;
  if (received !== SIZE) throw new Error(`downloaded ${received} bytes, expected ${SIZE}`);

  const rate = (seconds: number) => SIZE / MB / seconds;
  console.log(`plain streamed copy: ${rate(copySeconds).toFixed(0)} MB/s`);
  console.log(
    `upload 50 MB WAV:    ${rate(uploadSeconds).toFixed(0)} MB/s  → ${(copySeconds / uploadSeconds).toFixed(2)} of the plain copy (goal ≥ 0.50)`,
  );
  console.log(
    `download 50 MB WAV:  ${rate(downloadSeconds).toFixed(0)} MB/s  → ${(copySeconds / downloadSeconds).toFixed(2)} of the plain copy (goal ≥ 0.50)`,
  );
  console.log(
    `server memory during the upload: ${baseline.toFixed(1)} MB → peak ${peak.toFixed(1)} MB, growth ${(peak - baseline).toFixed(1)} MB (goal ≤ 30 MB)`,
  );
} finally {
  await server.stop();
  await rm(work, { recursive: true, force: true });
}
