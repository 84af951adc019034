/**
 * A tiny Whisper model in the real GGML file format that whisper.cpp loads (`whisper_model_load` in
 * whisper.cpp/src/whisper.cpp of @fugood/whisper.node): the test suite cannot download a real model, and a
 * made-up one exercises the whole native path: loading, the log-mel front end, the encoder, cross-attention,
 * greedy decoding with whisper.cpp's timestamp rules, token-level timestamps and `max_len` splitting.
 *
 * Layout, all little-endian:
 *   u32 magic 0x67676d6c ("ggml")
 *   i32 × 11 hparams: n_vocab, n_audio_ctx, n_audio_state, n_audio_head, n_audio_layer, n_text_ctx,
 *                     n_text_state, n_text_head, n_text_layer, n_mels, ftype
 *   i32 n_mel, i32 n_fft, f32 × n_mel·n_fft mel filters
 *   i32 n (tokens in the file), then n × (u32 length, bytes)
 *   tensors until end of file: i32 n_dims, i32 name length, i32 type (0 f32, 1 f16), i32 × n_dims dims
 *                              (ggml order, fastest first), name bytes, data
 *
 * n_vocab = 51864 makes it English-only (whisper.cpp: multilingual when n_vocab >= 51865), so <|endoftext|>
 * is 50256, <|startoftranscript|> 50257, <|notimestamps|> 50362, <|0.00|> 50363 and <|t|> 50363 + t/0.02.
 * The file holds the 50256 text tokens only, as the converter writes the GPT-2 vocabulary; whisper.cpp adds
 * the 1608 special and timestamp tokens itself ("adding 1608 extra tokens"). n_text_layer must not be 2:
 * whisper.cpp takes 2-layer decoders for distil-whisper and forces no timestamps.
 *
 * Weights come from a seeded PRNG (the same file every time). Random weights alone fall into a repetition
 * loop: one made-up word over and over until whisper.cpp's limit of 220 tokens a window, the same for any
 * recording, with no timestamp tokens. So part of the decoder is shaped into a small state machine that
 * says a short sentence and closes it with a timestamp, picking its words by the audio; see
 * `shapeDecoder`. The file format and everything whisper.cpp does with the model stay as for a real one.
 */
import { copyFile, readFile, writeFile } from "node:fs/promises";

export const WHISPER_EOT = 50256;
export const WHISPER_SOT = 50257;
export const WHISPER_BEG = 50363;
export const WHISPER_N_VOCAB = 51864;

export interface TinyWhisperOptions {
  /** PRNG seed; default 1. */
  seed?: number;
  /** n_audio_state = n_text_state; default 32 (at least 16, a multiple of `heads`). */
  state?: number;
  /** Attention heads, encoder and decoder; default 2. */
  heads?: number;
  /** Where the segment's closing timestamp token lands, in seconds (0.02 steps, at most 29.98); default 2. */
  segmentEndSeconds?: number;
}

/**
 * What the shaped decoder says, state by state: one of each state's tokens, picked by the audio. The words
 * are what an answer sounds like; the continuation tokens (no leading space) test merging tokens into
 * words, the bracketed tokens a non-speech annotation, the final "." punctuation.
 */
export const TINY_WHISPER_SCRIPT: readonly (readonly string[])[] = [
  [" So", " Well", " Okay", " Right"],
  [" um", " uh"],
  [" I", " we", " they", " you"],
  [" think", " guess", " know", " feel"],
  [" the", " this", " that", " our"],
  [" design", " team", " project", " system"],
  [" work", " test", " ship", " launch"],
  ["ed", "ing", "s"],
  [" ("],
  ["laughs", "coughs"],
  [")"],
  [" really", " pretty", " quite"],
  [" well", " fast", " early"],
  ["."],
];

/** Every word the script can produce, after merging tokens, for assertions. */
export function tinyWhisperWords(): Set<string> {
  const words = new Set<string>();
  for (const state of TINY_WHISPER_SCRIPT)
    for (const token of state) {
      const word = token.trim().replace(/[^\p{L}]/gu, "");
      if (word) words.add(word);
    }
  for (const stem of TINY_WHISPER_SCRIPT[6] ?? [])
    for (const suffix of TINY_WHISPER_SCRIPT[7] ?? []) words.add(stem.trim() + suffix);
  return words;
}

// ---------------------------------------------------------------------------------------------------------
// Deterministic numbers

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  private readonly next: () => number;
  private spare: number | undefined;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  uniform(): number {
    return this.next();
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    if (this.spare !== undefined) {
      const value = this.spare;
      this.spare = undefined;
      return value;
    }
    const u = Math.max(this.next(), 1e-12);
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  fill(length: number, std: number): Float32Array {
    const out = new Float32Array(length);
    for (let i = 0; i < length; i++) out[i] = this.normal() * std;
    return out;
  }
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE 754 half-precision bits of `value`, rounded to nearest even. */
export function halfBits(value: number): number {
  f32[0] = value;
  const x = u32[0] as number;
  const sign = (x >>> 16) & 0x8000;
  const rawExp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (rawExp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const exp = rawExp - 127 + 15;
  if (exp >= 0x1f) return sign | 0x7c00;
  if (exp <= 0) {
    if (exp < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - exp;
    let half = mant >>> shift;
    const rest = mant & ((1 << shift) - 1);
    const middle = 1 << (shift - 1);
    if (rest > middle || (rest === middle && half & 1)) half++;
    return sign | half;
  }
  let half = sign | (exp << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && half & 1)) half++;
  return half;
}

// ---------------------------------------------------------------------------------------------------------
// Vocabulary

const SYLLABLE_ONSETS = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "ch", "sh"];
const SYLLABLE_VOWELS = ["a", "e", "i", "o", "u", "ai", "ou"];

/**
 * 50256 distinct text tokens: the printable ASCII characters (so that any prompt tokenizes), "…", the words
 * of the filler prompt, the script's tokens, then made-up words (" bako", " rimeta"…) so that whatever
 * token the random part of the network picks still reads as a word.
 */
export function tinyWhisperVocabulary(): string[] {
  const tokens: string[] = [];
  const seen = new Set<string>();
  const add = (token: string) => {
    if (tokens.length < WHISPER_EOT && !seen.has(token)) {
      seen.add(token);
      tokens.push(token);
    }
  };
  for (let c = 0x20; c < 0x7f; c++) add(String.fromCharCode(c));
  add("…");
  for (const word of "Um uh hmm So like I mean you know was thinking about it".split(" ")) {
    add(word);
    add(` ${word}`);
  }
  for (const state of TINY_WHISPER_SCRIPT) for (const token of state) add(token);
  const syllables = SYLLABLE_ONSETS.flatMap((onset) => SYLLABLE_VOWELS.map((vowel) => onset + vowel));
  for (let n = 0; tokens.length < WHISPER_EOT; n++) {
    // n in base |syllables|, two to four syllables long.
    let word = "";
    let rest = n;
    do {
      word += syllables[rest % syllables.length];
      rest = Math.floor(rest / syllables.length);
    } while (rest > 0);
    if (word.length < 3) word += "n";
    add(` ${word}`);
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------------------
// Mel filters: librosa.filters.mel(sr=16000, n_fft=400, n_mels=80), Slaney scale and norm, as Whisper's own.

function hzToMel(hz: number): number {
  const fSp = 200 / 3;
  const minLogHz = 1000;
  const minLogMel = minLogHz / fSp;
  const logStep = Math.log(6.4) / 27;
  return hz >= minLogHz ? minLogMel + Math.log(hz / minLogHz) / logStep : hz / fSp;
}

function melToHz(mel: number): number {
  const fSp = 200 / 3;
  const minLogHz = 1000;
  const minLogMel = minLogHz / fSp;
  const logStep = Math.log(6.4) / 27;
  return mel >= minLogMel ? minLogHz * Math.exp(logStep * (mel - minLogMel)) : fSp * mel;
}

export function melFilters(nMels = 80, nFft = 400, sampleRate = 16_000): Float32Array {
  const bins = nFft / 2 + 1;
  const fftFreqs = Array.from({ length: bins }, (_, i) => (i * sampleRate) / nFft);
  const maxMel = hzToMel(sampleRate / 2);
  const melF = Array.from({ length: nMels + 2 }, (_, i) => melToHz((i * maxMel) / (nMels + 1)));
  const out = new Float32Array(nMels * bins);
  for (let m = 0; m < nMels; m++) {
    const [lo, mid, hi] = [melF[m] as number, melF[m + 1] as number, melF[m + 2] as number];
    const norm = 2 / (hi - lo);
    for (let k = 0; k < bins; k++) {
      const f = fftFreqs[k] as number;
      const weight = Math.max(0, Math.min((f - lo) / (mid - lo), (hi - f) / (hi - mid)));
      out[m * bins + k] = weight * norm;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Tensors

interface Tensor {
  name: string;
  /** ggml order: ne[0] is the fastest-varying dimension (a linear layer's input size). */
  dims: number[];
  data: Float32Array;
  f16: boolean;
}

interface Dimensions {
  nState: number;
  nHead: number;
  nMels: number;
  nAudioCtx: number;
  nTextCtx: number;
  nVocab: number;
}

/** Sinusoidal positions, as Whisper's encoder uses: [sin(t·f_i)…, cos(t·f_i)…] per frame. */
function sinusoids(length: number, channels: number): Float32Array {
  const out = new Float32Array(length * channels);
  const half = channels / 2;
  const step = Math.log(10_000) / (half - 1);
  for (let t = 0; t < length; t++)
    for (let i = 0; i < half; i++) {
      const angle = t * Math.exp(-step * i);
      out[t * channels + i] = Math.sin(angle);
      out[t * channels + half + i] = Math.cos(angle);
    }
  return out;
}

function blockTensors(
  prefix: string,
  n: number,
  random: Random,
  cross: boolean,
): Map<string, Omit<Tensor, "name">> {
  const t = new Map<string, Omit<Tensor, "name">>();
  const matrix = (inputs: number, outputs: number, std = 1 / Math.sqrt(inputs)) => ({
    dims: [inputs, outputs],
    data: random.fill(inputs * outputs, std),
    f16: true,
  });
  const vector = (length: number, value = 0) => ({
    dims: [length],
    data: new Float32Array(length).fill(value),
    f16: false,
  });
  const attention = (name: string) => {
    t.set(`${prefix}.${name}_ln.weight`, vector(n, 1));
    t.set(`${prefix}.${name}_ln.bias`, vector(n));
    t.set(`${prefix}.${name}.query.weight`, matrix(n, n));
    t.set(`${prefix}.${name}.query.bias`, vector(n));
    t.set(`${prefix}.${name}.key.weight`, matrix(n, n));
    t.set(`${prefix}.${name}.value.weight`, matrix(n, n));
    t.set(`${prefix}.${name}.value.bias`, vector(n));
    t.set(`${prefix}.${name}.out.weight`, matrix(n, n));
    t.set(`${prefix}.${name}.out.bias`, vector(n));
  };
  attention("attn");
  if (cross) attention("cross_attn");
  t.set(`${prefix}.mlp_ln.weight`, vector(n, 1));
  t.set(`${prefix}.mlp_ln.bias`, vector(n));
  t.set(`${prefix}.mlp.0.weight`, matrix(n, 4 * n));
  t.set(`${prefix}.mlp.0.bias`, vector(4 * n));
  t.set(`${prefix}.mlp.2.weight`, matrix(4 * n, n));
  t.set(`${prefix}.mlp.2.bias`, vector(n));
  return t;
}

/** Residual-stream dimensions the shaped decoder reserves (see `shapeDecoder`). */
const PHASE = [0, 1] as const;
const CHOICE_FROM = 2;
const CHOICE_TO = 10; // exclusive
/** Cross-attention output scale, into the choice dimensions. */
const CROSS_OUT = 2;
/** Cross-attention query scale: sharper attention, so that the choice depends more on the recording. */
const CROSS_QUERY = 40;

/**
 * The decoder as a state machine, so that any audio decodes to
 *   <|0.00|> script-token × 14 <|segmentEnd|> <|endoftext|>
 * which whisper.cpp turns into one segment from 0 to `segmentEnd` (and, past 30 s, one per window),
 * split by `max_len` into tokens timed by its token-level timestamp heuristic (voice length, then the
 * signal's energy).
 *
 * The states (sot, <|0.00|>, the script's 14, <|segmentEnd|>, eot) sit at equal angles on a circle in
 * residual dimensions 0–1: each state's tokens' embeddings point there with magnitude A = 32. The MLP,
 * whose GELU pairs make any linear map (gelu(z) − gelu(−z) = z), turns the input token's angle by one step
 * with gain 4A and cancels the input's own, so the final layer norm points at the next state and the tied
 * output embedding scores that state's tokens highest by several logits; whisper.cpp's rules (timestamps
 * in pairs, text masked after a closing timestamp) then let it through. The other weights stay random but
 * write nothing into dimensions 0–9. Which of a state's tokens wins is left to dimensions 2–9, which only
 * cross-attention (the audio) writes: its queries are scaled up so that it attends to a few frames, and
 * different recordings give different sentences. (With a weaker gain, or cross-attention writing more,
 * the layer norms shrink the phase and the decoder repeats a word.)
 */
function shapeDecoder(
  tensors: Map<string, Omit<Tensor, "name">>,
  vocab: string[],
  d: Dimensions,
  random: Random,
  segmentEndToken: number,
): void {
  const n = d.nState;
  const get = (name: string) => {
    const t = tensors.get(name);
    if (!t) throw new Error(`no tensor ${name}`);
    return t.data;
  };
  const ids = new Map(vocab.map((token, id) => [token, id]));
  const states: number[][] = [
    [WHISPER_SOT],
    [WHISPER_BEG],
    ...TINY_WHISPER_SCRIPT.map((tokens) =>
      tokens.map((token) => {
        const id = ids.get(token);
        if (id === undefined) throw new Error(`script token ${JSON.stringify(token)} not in the vocabulary`);
        return id;
      }),
    ),
    [segmentEndToken],
    [WHISPER_EOT],
  ];
  const step = (2 * Math.PI) / states.length;
  const amplitude = 32;

  // Token embeddings: small noise everywhere, the state's angle for its tokens, and a choice pattern.
  const te = get("decoder.token_embedding.weight");
  for (let i = 0; i < te.length; i++) te[i] = random.normal() * 0.05;
  states.forEach((tokens, s) => {
    for (const id of tokens) {
      te[id * n + (PHASE[0] as number)] = amplitude * Math.cos(s * step);
      te[id * n + (PHASE[1] as number)] = amplitude * Math.sin(s * step);
      for (let k = CHOICE_FROM; k < CHOICE_TO; k++) te[id * n + k] = random.normal() * 0.3;
    }
  });

  // Positions: none in the reserved dimensions.
  const pe = get("decoder.positional_embedding");
  for (let p = 0; p < d.nTextCtx; p++)
    for (let k = 0; k < n; k++) pe[p * n + k] = k < CHOICE_TO ? 0 : random.normal() * 0.02;

  // Self-attention writes outside the reserved dimensions; cross-attention only into the choice ones.
  const selfOut = get("decoder.blocks.0.attn.out.weight");
  const crossOut = get("decoder.blocks.0.cross_attn.out.weight");
  for (let o = 0; o < n; o++)
    for (let i = 0; i < n; i++) {
      if (o < CHOICE_TO) selfOut[o * n + i] = 0;
      else selfOut[o * n + i] = (selfOut[o * n + i] as number) * 0.1;
      crossOut[o * n + i] = o >= CHOICE_FROM && o < CHOICE_TO ? random.normal() * CROSS_OUT : 0;
    }

  const crossQuery = get("decoder.blocks.0.cross_attn.query.weight");
  for (let i = 0; i < crossQuery.length; i++) crossQuery[i] = (crossQuery[i] as number) * CROSS_QUERY;

  // MLP: hidden units 0–3 are the rotation (two per output dimension), the rest random, writing outside
  // the reserved dimensions.
  const hidden = 4 * n;
  const w0 = get("decoder.blocks.0.mlp.0.weight"); // [n in, 4n out]
  const w2 = get("decoder.blocks.0.mlp.2.weight"); // [4n in, n out]
  for (let o = 0; o < n; o++) for (let h = 0; h < hidden; h++) if (o < CHOICE_TO) w2[o * hidden + h] = 0;
  for (let h = 0; h < 4; h++) for (let i = 0; i < n; i++) w0[h * n + i] = 0;
  for (let o = 0; o < n; o++) for (let h = 0; h < 4; h++) w2[o * hidden + h] = 0;
  // After the layer norm the input's phase dimensions hold about √n·(cos θ, sin θ); the map sends that to
  // gain·√n·(cos(θ+step), sin(θ+step)) and subtracts the input's own A·(cos θ, sin θ).
  const gain = 4 * amplitude;
  const cancel = amplitude / Math.sqrt(n);
  const [c, s] = [Math.cos(step), Math.sin(step)];
  const linear = [
    [gain * c - cancel, -gain * s],
    [gain * s, gain * c - cancel],
  ];
  PHASE.forEach((out, row) => {
    const plus = 2 * row;
    const minus = 2 * row + 1;
    PHASE.forEach((input, col) => {
      const weight = (linear[row] as number[])[col] as number;
      w0[plus * n + input] = weight;
      w0[minus * n + input] = -weight;
    });
    w2[out * hidden + plus] = 1;
    w2[out * hidden + minus] = -1;
  });
}

function modelTensors(d: Dimensions, vocab: string[], random: Random, segmentEndToken: number): Tensor[] {
  const n = d.nState;
  const t = new Map<string, Omit<Tensor, "name">>();
  t.set("encoder.positional_embedding", {
    dims: [n, d.nAudioCtx],
    data: sinusoids(d.nAudioCtx, n),
    f16: false,
  });
  t.set("encoder.conv1.weight", {
    dims: [3, d.nMels, n],
    data: random.fill(3 * d.nMels * n, 1 / Math.sqrt(3 * d.nMels)),
    f16: true,
  });
  t.set("encoder.conv1.bias", { dims: [1, n], data: new Float32Array(n), f16: false });
  t.set("encoder.conv2.weight", {
    dims: [3, n, n],
    data: random.fill(3 * n * n, 1 / Math.sqrt(3 * n)),
    f16: true,
  });
  t.set("encoder.conv2.bias", { dims: [1, n], data: new Float32Array(n), f16: false });
  for (const [name, tensor] of blockTensors("encoder.blocks.0", n, random, false)) t.set(name, tensor);
  t.set("encoder.ln_post.weight", { dims: [n], data: new Float32Array(n).fill(1), f16: false });
  t.set("encoder.ln_post.bias", { dims: [n], data: new Float32Array(n), f16: false });

  t.set("decoder.positional_embedding", {
    dims: [n, d.nTextCtx],
    data: new Float32Array(n * d.nTextCtx),
    f16: false,
  });
  t.set("decoder.token_embedding.weight", {
    dims: [n, d.nVocab],
    data: new Float32Array(n * d.nVocab),
    f16: true,
  });
  for (const [name, tensor] of blockTensors("decoder.blocks.0", n, random, true)) t.set(name, tensor);
  t.set("decoder.ln.weight", { dims: [n], data: new Float32Array(n).fill(1), f16: false });
  t.set("decoder.ln.bias", { dims: [n], data: new Float32Array(n), f16: false });

  shapeDecoder(t, vocab, d, random, segmentEndToken);
  return [...t].map(([name, tensor]) => ({ name, ...tensor }));
}

// ---------------------------------------------------------------------------------------------------------
// The file

class Writer {
  private readonly chunks: Buffer[] = [];

  i32(...values: number[]): void {
    const b = Buffer.alloc(4 * values.length);
    for (const [i, v] of values.entries()) b.writeInt32LE(v, 4 * i);
    this.chunks.push(b);
  }

  u32(value: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(value >>> 0, 0);
    this.chunks.push(b);
  }

  bytes(data: Buffer): void {
    this.chunks.push(data);
  }

  f32s(data: Float32Array): void {
    const b = Buffer.alloc(4 * data.length);
    for (let i = 0; i < data.length; i++) b.writeFloatLE(data[i] as number, 4 * i);
    this.chunks.push(b);
  }

  f16s(data: Float32Array): void {
    const b = Buffer.alloc(2 * data.length);
    for (let i = 0; i < data.length; i++) b.writeUInt16LE(halfBits(data[i] as number), 2 * i);
    this.chunks.push(b);
  }

  buffer(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** The model file's bytes. */
export function tinyWhisperModel(options: TinyWhisperOptions = {}): Buffer {
  const nState = options.state ?? 32;
  const nHead = options.heads ?? 2;
  if (nState < 16 || nState % nHead !== 0 || nState % 2 !== 0)
    throw new Error(`state ${nState} must be at least 16, even and a multiple of heads ${nHead}`);
  const segmentEnd = Math.round((options.segmentEndSeconds ?? 2) / 0.02);
  if (segmentEnd < 1 || segmentEnd > 1499) throw new Error("segmentEndSeconds must be in (0, 29.98]");
  const d: Dimensions = { nState, nHead, nMels: 80, nAudioCtx: 1500, nTextCtx: 448, nVocab: WHISPER_N_VOCAB };
  const random = new Random(options.seed ?? 1);
  const vocab = tinyWhisperVocabulary();
  const tensors = modelTensors(d, vocab, random, WHISPER_BEG + segmentEnd);

  const w = new Writer();
  w.u32(0x67676d6c);
  // n_vocab, n_audio_ctx, n_audio_state, n_audio_head, n_audio_layer, n_text_ctx, n_text_state,
  // n_text_head, n_text_layer, n_mels, ftype (1: the big matrices in f16)
  w.i32(d.nVocab, d.nAudioCtx, nState, nHead, 1, d.nTextCtx, nState, nHead, 1, d.nMels, 1);
  w.i32(d.nMels, 201);
  w.f32s(melFilters(d.nMels));
  w.i32(vocab.length);
  for (const token of vocab) {
    const bytes = Buffer.from(token, "utf8");
    w.u32(bytes.length);
    w.bytes(bytes);
  }
  for (const t of tensors) {
    const name = Buffer.from(t.name, "utf8");
    w.i32(t.dims.length, name.length, t.f16 ? 1 : 0, ...t.dims);
    w.bytes(name);
    if (t.f16) w.f16s(t.data);
    else w.f32s(t.data);
  }
  return w.buffer();
}

/** Writes the tiny model to `path`; resolves with its size in bytes. */
export async function writeTinyWhisperModel(path: string, options: TinyWhisperOptions = {}): Promise<number> {
  const bytes = tinyWhisperModel(options);
  await writeFile(path, bytes);
  return bytes.length;
}

export type Corruption =
  /** The first four bytes are not "ggml". */
  | { kind: "bad-magic" }
  /** Only the first `bytes` bytes (default: half the file). */
  | { kind: "truncated"; bytes?: number };

/** A damaged copy of the model at `source`, written to `target`. */
export async function corruptCopy(source: string, target: string, corruption: Corruption): Promise<void> {
  if (corruption.kind === "bad-magic") {
    const bytes = await readFile(source);
    bytes.write("GGUF", 0, "latin1");
    await writeFile(target, bytes);
    return;
  }
  await copyFile(source, target);
  const bytes = await readFile(target);
  await writeFile(target, bytes.subarray(0, corruption.bytes ?? Math.floor(bytes.length / 2)));
}
