// npm run bench:speech — word error rate of each speech-to-text engine on every real human recording this
// machine has (test/helpers/speech-testdata.ts: pocketsphinx-testdata's LibriVox, commands and TIDIGITS,
// Asterisk's prompts when installed, whisper.cpp's jfk.wav with --fetch), per set and per recording, with
// the ratio to stock pocketsphinx_batch on the same clips in the same run; then end of answer → scored
// answer for a 120 s answer streamed at real-time pace (median and p95 of 5), per engine. Engines:
// PocketSphinx as shipped, stock batch and continuous; whisper when a model is in DATA_DIR/models (or
// WHISPER_MODEL names a .bin); an OpenAI-compatible server when OPENAI_BASE_URL is set; Gemini with
// GEMINI_API_KEY. RTF = processing time / audio time, per file as the server runs it, model load included.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { type DecodeResult, decodeAudio } from "../src/speech/decode.ts";
import { bestModel } from "../src/speech/models/store.ts";
import { GeminiStt } from "../src/speech/stt/gemini.ts";
import { POCKETSPHINX_INSTALL_HINT } from "../src/speech/stt/index.ts";
import { OpenAiStt } from "../src/speech/stt/openai.ts";
import {
  isPocketsphinxInstalled,
  POCKETSPHINX_MODEL_DIR,
  PocketsphinxStt,
} from "../src/speech/stt/pocketsphinx.ts";
import { WhisperStt } from "../src/speech/stt/whisper.ts";
import type { SpeechToText } from "../src/speech/types.ts";
import { combineErrorRates, type WordErrorRate, wordErrorRate } from "../src/speech/wer.ts";
import { allSpeechRecordings, type Recording } from "../test/helpers/speech-testdata.ts";
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
    list.push(provider(new PocketsphinxStt({ concurrency: 1, flags: [] }), STOCK));
    list.push(provider(new PocketsphinxStt({ concurrency: 1 }), "pocketsphinx (as shipped: stock weights)"));
    list.push(continuous);
  } else {
    console.log(POCKETSPHINX_INSTALL_HINT);
  }
  const env = process.env;
  const whisper = whisperModelHere();
  if (whisper) list.push(provider(new WhisperStt(whisper), `whisper:${whisper.modelName}`));
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

const STOCK = "pocketsphinx_batch (stock)";

/** A whisper model to measure: WHISPER_MODEL as a .bin path, else the largest in DATA_DIR/models. */
function whisperModelHere(): { modelPath: string; modelName: string } | undefined {
  const wanted = process.env.WHISPER_MODEL;
  if (wanted?.endsWith(".bin")) return { modelPath: wanted, modelName: wanted.replace(/^.*\/|\.bin$/g, "") };
  const best = bestModel(process.env.DATA_DIR ?? "data");
  return best && { modelPath: best.path, modelName: best.name };
}

interface Row {
  engine: string;
  set: string;
  rate: WordErrorRate;
  audioSeconds: number;
  processingMs: number;
}

interface PerRecording {
  engine: string;
  id: string;
  set: string;
  rate: WordErrorRate;
}

async function measure(engine: Engine, utterances: Recording[], each: PerRecording[]): Promise<Row[]> {
  const bySet = new Map<string, { rates: WordErrorRate[]; audio: number; ms: number }>();
  for (const u of utterances) {
    const started = performance.now();
    const text = await engine.transcribe(u.audio);
    const ms = performance.now() - started;
    const entry = bySet.get(u.set) ?? { rates: [], audio: 0, ms: 0 };
    const rate = wordErrorRate(u.reference, text);
    entry.rates.push(rate);
    each.push({ engine: engine.name, id: u.id, set: u.set, rate });
    entry.audio += u.audio.durationSeconds;
    entry.ms += ms;
    bySet.set(u.set, entry);
  }
  const sets = [...bySet].map(([set, e]) => ({
    engine: engine.name,
    set,
    rate: combineErrorRates(e.rates),
    audioSeconds: e.audio,
    processingMs: e.ms,
  }));
  const all = [...bySet.values()];
  return [
    ...sets,
    {
      engine: engine.name,
      set: "all (pooled)",
      rate: combineErrorRates(all.flatMap((e) => e.rates)),
      audioSeconds: all.reduce((n, e) => n + e.audio, 0),
      processingMs: all.reduce((n, e) => n + e.ms, 0),
    },
  ];
}

function print(rows: Row[]): void {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const stock = new Map(rows.filter((r) => r.engine === STOCK).map((r) => [r.set, r.rate.wer]));
  console.log(
    `${"engine".padEnd(40)} ${"set".padEnd(26)} ${"WER".padStart(6)} ${"× stock".padStart(8)}  errors (S/D/I)   words  audio s    RTF`,
  );
  for (const r of rows) {
    const errors = r.rate.substitutions + r.rate.deletions + r.rate.insertions;
    const base = stock.get(r.set);
    const ratio = base ? (r.rate.wer / base).toFixed(2) : "—";
    console.log(
      `${r.engine.padEnd(40)} ${r.set.padEnd(26)} ${pct(r.rate.wer).padStart(6)} ${ratio.padStart(8)}  ${`${errors} (${r.rate.substitutions}/${r.rate.deletions}/${r.rate.insertions})`.padEnd(16)} ${String(r.rate.words).padStart(5)}  ${r.audioSeconds.toFixed(1).padStart(7)}  ${(r.processingMs / 1000 / r.audioSeconds).toFixed(3).padStart(5)}`,
    );
  }
}

/** One line per recording: its WER under each engine. */
function printPerRecording(each: PerRecording[]): void {
  const engines = [...new Set(each.map((e) => e.engine))];
  const ids = [...new Set(each.map((e) => `${e.set}\t${e.id}`))];
  console.log(`\nper recording (WER): ${engines.map((e, i) => `[${i + 1}] ${e}`).join("  ")}`);
  for (const key of ids) {
    const [set, id] = key.split("\t") as [string, string];
    const cells = engines.map((engine) => {
      const hit = each.find((e) => e.engine === engine && e.id === id && e.set === set);
      return hit ? `${(hit.rate.wer * 100).toFixed(0)}%`.padStart(6) : "     —";
    });
    console.log(`${set.slice(0, 24).padEnd(24)} ${id.slice(-36).padEnd(36)} ${cells.join(" ")}`);
  }
}

export async function speechBench(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "rehearse-bench-speech-"));
  const { recordings, unavailable } = await allSpeechRecordings(dir, {
    fetch: process.argv.includes("--fetch"),
  });
  const seconds = recordings.reduce((n, r) => n + r.audio.durationSeconds, 0);
  console.log(
    `${recordings.length} real recordings, ${seconds.toFixed(0)} s; not here: ${unavailable.join("; ") || "none"}\n`,
  );
  const each: PerRecording[] = [];
  try {
    const rows: Row[] = [];
    for (const engine of engines()) {
      // A remote provider that is down or refuses the key should not hide the others' numbers.
      rows.push(
        ...(await measure(engine, recordings, each).catch((error: unknown) => {
          console.log(`${engine.name}: failed: ${(error as Error).message}`);
          return [];
        })),
      );
    }
    print(rows);
    printPerRecording(each);
  } finally {
    await Promise.all(recordings.map((u) => u.audio.cleanup()));
    await rm(dir, { recursive: true, force: true });
  }
  console.log("\nend of answer → scored answer, a 120 s answer streamed at real-time pace:");
  console.log("  pocketsphinx:", await streamLatency(5, 120, { STT_PROVIDER: "pocketsphinx" }));
  const whisper = whisperModelHere();
  if (whisper)
    console.log(
      `  whisper:${whisper.modelName} (captions by PocketSphinx):`,
      await streamLatency(5, 120, { STT_PROVIDER: "whisper", WHISPER_MODEL: whisper.modelPath }),
    );
  else console.log("  whisper: no model here (bin/rehearse models pull whisper base.en)");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await speechBench();
