// npm run bench:speech — word error rate and real-time factor of each speech-to-text provider on the real
// recordings of Debian's pocketsphinx-testdata: five LibriVox sentences of read English (the goal: ≤ 25%
// WER) and six short spoken commands. PocketSphinx always (tuned, and with stock settings and
// pocketsphinx_continuous for comparison); an OpenAI-compatible server when OPENAI_BASE_URL is set, Gemini
// when GEMINI_API_KEY is. RTF = processing time / audio time, per file as the server runs it (model load
// included), one file at a time.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { type DecodeResult, decodeAudio } from "../src/speech/decode.ts";
import { GeminiStt } from "../src/speech/stt/gemini.ts";
import { POCKETSPHINX_INSTALL_HINT } from "../src/speech/stt/index.ts";
import { OpenAiStt } from "../src/speech/stt/openai.ts";
import {
  isPocketsphinxInstalled,
  POCKETSPHINX_MODEL_DIR,
  PocketsphinxStt,
} from "../src/speech/stt/pocketsphinx.ts";
import type { SpeechToText } from "../src/speech/types.ts";
import { combineErrorRates, type WordErrorRate, wordErrorRate } from "../src/speech/wer.ts";
import { type Recording, testdataRecordings } from "../test/helpers/speech-testdata.ts";
import { streamLatency } from "./lib/stream-latency.ts";

const run = promisify(execFile);

interface Engine {
  name: string;
  transcribe(audio: DecodeResult): Promise<string>;
}

const provider = (stt: SpeechToText, name = stt.name): Engine => ({
  name,
  transcribe: async (audio) => (await stt.transcribe(audio, AbortSignal.timeout(300_000))).text,
});

/** pocketsphinx_continuous -infile with its default settings: the mode the issue measured at 49%. */
const continuous: Engine = {
  name: "pocketsphinx_continuous (stock)",
  async transcribe(audio) {
    const m = POCKETSPHINX_MODEL_DIR;
    const { stdout } = await run("pocketsphinx_continuous", [
      ...["-hmm", `${m}/en-us`, "-lm", `${m}/en-us.lm.bin`, "-dict", `${m}/cmudict-en-us.dict`],
      ...["-infile", audio.wavPath, "-logfn", "/dev/null"],
    ]);
    return stdout.replace(/\s+/g, " ").trim();
  },
};

function engines(): Engine[] {
  const list: Engine[] = [];
  if (isPocketsphinxInstalled()) {
    list.push(provider(new PocketsphinxStt({ concurrency: 1 }), "pocketsphinx (tuned batch: chosen)"));
    list.push(provider(new PocketsphinxStt({ concurrency: 1, flags: [] }), "pocketsphinx (stock batch)"));
    list.push(continuous);
  } else {
    console.log(POCKETSPHINX_INSTALL_HINT);
  }
  const env = process.env;
  if (env.OPENAI_BASE_URL) {
    const stt = new OpenAiStt({
      apiKey: env.STT_OPENAI_API_KEY ?? env.OPENAI_API_KEY ?? "not-needed",
      baseUrl: env.STT_OPENAI_BASE_URL ?? env.OPENAI_BASE_URL,
      model: env.STT_OPENAI_MODEL ?? "whisper-1",
    });
    list.push(provider(stt, stt.endpoint));
  }
  if (env.GEMINI_API_KEY) {
    const stt = new GeminiStt({
      apiKey: env.GEMINI_API_KEY,
      baseUrl: env.GEMINI_BASE_URL,
      model: env.STT_GEMINI_MODEL ?? env.GEMINI_MODEL ?? "gemini-2.5-flash",
    });
    list.push(provider(stt, stt.endpoint));
  }
  return list;
}

interface Row {
  engine: string;
  set: string;
  rate: WordErrorRate;
  audioSeconds: number;
  processingMs: number;
}

async function measure(engine: Engine, utterances: Recording[]): Promise<Row[]> {
  const bySet = new Map<string, { rates: WordErrorRate[]; audio: number; ms: number }>();
  for (const u of utterances) {
    const started = performance.now();
    const text = await engine.transcribe(u.audio);
    const ms = performance.now() - started;
    const entry = bySet.get(u.set) ?? { rates: [], audio: 0, ms: 0 };
    entry.rates.push(wordErrorRate(u.reference, text));
    entry.audio += u.audio.durationSeconds;
    entry.ms += ms;
    bySet.set(u.set, entry);
  }
  return [...bySet].map(([set, e]) => ({
    engine: engine.name,
    set,
    rate: combineErrorRates(e.rates),
    audioSeconds: e.audio,
    processingMs: e.ms,
  }));
}

function print(rows: Row[]): void {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(
    `${"engine".padEnd(40)} ${"set".padEnd(24)} ${"WER".padStart(6)}  errors (S/D/I)   words  audio s    RTF`,
  );
  for (const r of rows) {
    const errors = r.rate.substitutions + r.rate.deletions + r.rate.insertions;
    console.log(
      `${r.engine.padEnd(40)} ${r.set.padEnd(24)} ${pct(r.rate.wer).padStart(6)}  ${`${errors} (${r.rate.substitutions}/${r.rate.deletions}/${r.rate.insertions})`.padEnd(16)} ${String(r.rate.words).padStart(5)}  ${r.audioSeconds.toFixed(1).padStart(7)}  ${(r.processingMs / 1000 / r.audioSeconds).toFixed(3).padStart(5)}`,
    );
  }
}

export async function speechBench(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "rehearse-bench-speech-"));
  const utterances = await testdataRecordings(dir);
  try {
    const rows: Row[] = [];
    for (const engine of engines()) {
      // A remote provider that is down or refuses the key should not hide the others' numbers.
      rows.push(
        ...(await measure(engine, utterances).catch((error: unknown) => {
          console.log(`${engine.name}: failed: ${(error as Error).message}`);
          return [];
        })),
      );
    }
    print(rows);
  } finally {
    await Promise.all(utterances.map((u) => u.audio.cleanup()));
    await rm(dir, { recursive: true, force: true });
  }
  console.log("\nstreaming end-of-answer → scored latency:", await streamLatency(5, 120));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await speechBench();
