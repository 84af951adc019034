import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { type DecodeResult, decodeAudio } from "../../src/speech/decode.ts";

const run = promisify(execFile);
/** Debian's pocketsphinx-testdata: real recordings with reference transcripts. */
export const TESTDATA = "/usr/share/pocketsphinx/test/data";

export interface Recording {
  set: "read English (LibriVox)" | "commands";
  id: string;
  reference: string;
  audio: DecodeResult;
}

/** "<s> ten of clubs </s> (001)" lines: reference transcripts by utterance id. */
function references(path: string): [string, string][] {
  return readFileSync(path, "utf8")
    .split("\n")
    .flatMap((line) => {
      const match = /^(.*)\((\S+)\)\s*$/.exec(line.trim());
      return match
        ? [[match[2] as string, (match[1] as string).replace(/<\/?s>/g, "").trim()] as [string, string]]
        : [];
    });
}

/**
 * The LibriVox read English and the command recordings, decoded to 16 kHz mono; `dir` holds the WAV made
 * from the headerless goforward.raw. Callers clean up each `audio`.
 */
export async function testdataRecordings(dir: string): Promise<Recording[]> {
  const decode = (path: string) => decodeAudio(path, { maxSeconds: 600, originalMime: "audio/wav" });
  const out: Recording[] = [];
  for (const [id, reference] of references(`${TESTDATA}/librivox/transcription`))
    out.push({
      set: "read English (LibriVox)",
      id,
      reference,
      audio: await decode(`${TESTDATA}/librivox/${id}.wav`),
    });
  for (const [id, reference] of references(`${TESTDATA}/cards/cards.transcription`))
    out.push({ set: "commands", id, reference, audio: await decode(`${TESTDATA}/cards/${id}.wav`) });
  // The .raw recordings are headerless 16 kHz s16le mono.
  const wav = join(dir, "goforward.wav");
  await run("sox", [
    "-t",
    "raw",
    "-r",
    "16000",
    "-e",
    "signed",
    "-b",
    "16",
    "-c",
    "1",
    `${TESTDATA}/goforward.raw`,
    wav,
  ]);
  out.push({
    set: "commands",
    id: "goforward",
    reference: "go forward ten meters",
    audio: await decode(wav),
  });
  return out;
}
