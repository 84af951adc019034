// The end-of-answer → scored-answer latency of a spoken answer streamed over the WebSocket at real-time
// pace, as the interview room streams it: time from {"type":"end"} to the "scored" message.
import { readFile } from "node:fs/promises";
import WebSocket from "ws";
import { readWavPcm } from "../../src/speech/decode.ts";
import { TESTDATA } from "../../test/helpers/speech-testdata.ts";
import { median, request, startBenchServer } from "./server.ts";

const RECORDINGS = ["0870", "0880", "0890", "0920", "0930"];
const CHUNK = 1600;

/** About `seconds` of real read English: the five recordings in turn, 0.7 s apart. */
async function answerAudio(seconds: number): Promise<Int16Array> {
  const parts = await Promise.all(
    RECORDINGS.map(
      async (n) =>
        readWavPcm(await readFile(`${TESTDATA}/librivox/sense_and_sensibility_01_austen_64kb-${n}.wav`)).pcm,
    ),
  );
  const out = new Int16Array(seconds * 16_000);
  let at = 0;
  for (let i = 0; at < out.length; i++) {
    const part = parts[i % parts.length] as Int16Array;
    out.set(part.subarray(0, Math.min(part.length, out.length - at)), at);
    at += part.length + 11_200;
  }
  return out;
}

async function api(url: string, token: string, method: string, body?: unknown, anonKey = "") {
  const r = await request(url, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      apikey: anonKey,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (r.status >= 300) throw new Error(`${method} ${url}: ${r.status} ${r.body}`);
  return JSON.parse(r.body || "null");
}

/** One answer streamed at real-time pace; milliseconds from "end" to "scored". */
function streamOnce(url: string, pcm: Int16Array): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    let ended = 0;
    socket.on("message", async (data) => {
      const message = JSON.parse(String(data)) as { type: string; message?: string };
      if (message.type === "error") reject(new Error(message.message));
      if (message.type === "scored") {
        resolve(performance.now() - ended);
        socket.close();
      }
      if (message.type !== "ready") return;
      const started = performance.now();
      for (let seq = 0; seq * CHUNK < pcm.length; seq++) {
        const samples = pcm.subarray(seq * CHUNK, Math.min((seq + 1) * CHUNK, pcm.length));
        const frame = Buffer.alloc(4 + samples.byteLength);
        frame.writeUInt32LE(seq, 0);
        Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength).copy(frame, 4);
        socket.send(frame);
        // Real time: chunk n leaves when the speaker has said it.
        const due = started + ((seq + 1) * CHUNK * 1000) / 16_000;
        await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
      }
      ended = performance.now();
      socket.send(JSON.stringify({ type: "end" }));
    });
    socket.once("error", reject);
  });
}

export async function streamLatency(runs = 5, seconds = 120, env: Record<string, string> = {}) {
  const server = await startBenchServer({ AUTH_AUTOCONFIRM: "true", ...env });
  try {
    const json = { "content-type": "application/json", apikey: server.anonKey };
    const email = "latency@example.test";
    const password = "a bench passphrase";
    await request(`${server.url}/auth/v1/signup`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ email, password, data: { full_name: "Bench Speaker" } }),
    });
    await server.cli(["admin", "grant", email]);
    const signIn = await request(`${server.url}/auth/v1/token?grant_type=password`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ email, password }),
    });
    const token = JSON.parse(signIn.body).access_token as string;
    const call = (path: string, method: string, body?: unknown) =>
      api(`${server.url}${path}`, token, method, body, server.anonKey);
    // A role whose questions all allow a 120-second answer.
    const role = await call("/api/admin/job-roles", "POST", {
      title: "Latency Bench Role",
      category: "technology",
      required_skills: ["Communication"],
    });
    for (let i = 0; i < runs; i++)
      await call(`/api/admin/job-roles/${role.id}/questions`, "POST", {
        question_text: `Tell me about a project you are proud of, part ${i + 1}.`,
        question_type: "general",
        difficulty_level: "medium",
        expected_answer_keywords: ["project", "result"],
        sample_answer: "I led a small project that shipped on time and cut support tickets by a third.",
        time_limit_seconds: 180,
      });
    const session = await call("/api/interviews", "POST", { job_role_id: role.id, total_questions: runs });
    await call(`/api/interviews/${session.id}/start`, "POST");
    const pcm = await answerAudio(seconds);
    const latencies: number[] = [];
    for (let i = 0; i < runs; i++) {
      const next = await call(`/api/interviews/${session.id}/next-question`, "GET");
      const order = next.question.question_order as number;
      const url = `${server.url.replace("http", "ws")}/api/interviews/${session.id}/answers/${order}/stream?access_token=${token}`;
      latencies.push(await streamOnce(url, pcm));
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      runs,
      answer_seconds: seconds,
      latencies_ms: latencies.map((l) => Math.round(l)),
      median_ms: Math.round(median(latencies)),
      p95_ms: Math.round(
        sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? Number.NaN,
      ),
      goal: "median ≤ 3000 ms",
    };
  } finally {
    await server.stop();
  }
}
