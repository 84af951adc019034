import { type Embeddings, embeddings } from "../../../lexicon/embeddings.ts";
import functionWords from "../../../lexicon/function-words.json" with { type: "json" };
import { synonyms, type WordnetPos } from "../../../lexicon/wordnet.ts";
import type { Analysis, Token } from "./text.ts";

/**
 * Word alignment between an answer and a reference (after Sultan, Salazar & Sumner 2016): each content
 * word of one side is matched to its closest word on the other — the same lemma or stem, a WordNet
 * synonym, or a near word vector — and the match strength, weighted by how informative the word is, says
 * how much of the reference the answer expresses (recall) and how much of the answer is the reference's
 * content (precision). Words of the question are "demoted": repeating the question says nothing.
 */
const FUNCTION = new Set(functionWords.words);
/** A WordNet synonym is nearly the same word. */
const SYNONYM = 0.9;

export interface ContentWord {
  value: string;
  lemma: string;
  stem: string;
  /** Row in the embedding table, when the word has a vector. */
  vector: number | undefined;
  /** Information content, 0–1: rare words weigh more than common ones. */
  weight: number;
  /** Sentence index in its text. */
  sentence: number;
  /** WordNet's part of speech for wink's tag, when it has one. */
  pos: WordnetPos | undefined;
}

const WORDNET_POS: Record<string, WordnetPos> = {
  NOUN: "noun",
  PROPN: "noun",
  VERB: "verb",
  ADJ: "adj",
  ADV: "adv",
};

export interface Match {
  word: ContentWord;
  /** The closest word on the other side, or null. */
  to: ContentWord | null;
  /** Some word on the other side has the same lemma or stem. */
  exact: boolean;
  /** … or is a WordNet synonym. */
  synonym: boolean;
  /** The highest cosine to a word on the other side (1 for an exact match). */
  cosine: number;
}

/** Words glued by a lost space ("membersattributesand") are split into known words, if they all are. */
function unglue(word: string, table: Embeddings): string[] {
  if (word.length < 8 || table.indexOf(word) !== undefined) return [word];
  const best: (string[] | null)[] = [[]];
  for (let end = 1; end <= word.length; end++) {
    best[end] = null;
    for (let start = Math.max(0, end - 20); start < end; start++) {
      const prefix = best[start];
      const piece = word.slice(start, end);
      const rank = table.indexOf(piece);
      if (!prefix || rank === undefined || (piece.length < 3 && rank > 200) || rank > 100_000) continue;
      const candidate = [...prefix, piece];
      if (!best[end] || candidate.length < (best[end]?.length ?? 0)) best[end] = candidate;
    }
  }
  return best[word.length] ?? [word];
}

/** Frequency rank turned into information content: "the" ≈ 0.1, "function" ≈ 0.55, "polymorphism" ≈ 0.85. */
function weightOf(rank: number | undefined, size: number): number {
  if (rank === undefined) return 1;
  return Math.log(rank + 10) / Math.log(size + 10);
}

const isContent = (t: Token) => (t.kind === "word" || t.kind === "number") && !FUNCTION.has(t.normal);

export function contentWords(analysis: Analysis): ContentWord[] {
  const table = embeddings();
  const out: ContentWord[] = [];
  analysis.sentences.forEach((s, sentence) => {
    for (const t of analysis.tokens.slice(s.first, s.last + 1)) {
      if (!isContent(t)) continue;
      const pieces = t.kind === "word" ? unglue(t.normal, table) : [t.normal];
      for (const piece of pieces) {
        if (pieces.length > 1 && FUNCTION.has(piece)) continue;
        const single = pieces.length === 1;
        const lemma = single ? t.lemma : piece;
        const vector = table.indexOf(piece) ?? table.indexOf(lemma);
        out.push({
          value: single ? t.value : piece,
          lemma,
          stem: single ? t.stem : piece,
          vector,
          weight: weightOf(vector, table.size),
          sentence,
          pos: single ? WORDNET_POS[t.pos] : undefined,
        });
      }
    }
  });
  return out;
}

/** At most one edit (insert, delete, substitute, swap) apart: "refrence", "paremeters", "programm". */
export function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return a === b;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** A misspelling of the other word: one edit apart, in words long enough for that to be a typo, not another word. */
const misspelt = (a: ContentWord, b: ContentWord) =>
  Math.min(a.lemma.length, b.lemma.length) >= 5 && oneEditApart(a.lemma, b.lemma);

/** How a word of one side matches the words of the other, at each level of the alignment. */
function matchOf(word: ContentWord, others: ContentWord[], table: Embeddings): Match {
  const match: Match = { word, to: null, exact: false, synonym: false, cosine: 0 };
  let best = 0;
  const own = synonyms(word.lemma, word.pos);
  for (const other of others) {
    const exact =
      word.lemma === other.lemma ||
      word.stem === other.stem ||
      word.value.toLowerCase() === other.value.toLowerCase() ||
      misspelt(word, other);
    const samePos = !word.pos || !other.pos || word.pos === other.pos;
    const synonym =
      exact || (samePos && (own.has(other.lemma) || synonyms(other.lemma, other.pos).has(word.lemma)));
    const cosine = exact
      ? 1
      : word.vector !== undefined && other.vector !== undefined
        ? table.similarity(word.vector, other.vector)
        : 0;
    match.exact ||= exact;
    match.synonym ||= synonym;
    match.cosine = Math.max(match.cosine, cosine);
    const strength = exact ? 1 : synonym ? Math.max(SYNONYM, cosine) : cosine;
    if (strength > best) {
      best = strength;
      match.to = other;
    }
    if (exact) break;
  }
  return match;
}

/** Each word of `from` with its closest word in `to`. */
export function align(from: ContentWord[], to: ContentWord[]): Match[] {
  const table = embeddings();
  return from.map((word) => matchOf(word, to, table));
}

/** Match strength when only some levels count: exact words; plus synonyms; plus vectors from a cosine on. */
export type Level = "exact" | "synonym" | { vector: number };

export function strength(m: Match, level: Level): number {
  if (m.exact) return 1;
  if (level === "exact") return 0;
  const synonym = m.synonym ? SYNONYM : 0;
  if (level === "synonym") return synonym;
  return Math.max(synonym, m.cosine >= level.vector ? m.cosine : 0);
}

/** Weighted share of `matches`' words that found a partner at `level`; `demoted` words count `demotion` of their weight. */
export function coverageOf(matches: Match[], level: Level, demoted: Set<string>, demotion = 0): number {
  let total = 0;
  let found = 0;
  for (const m of matches) {
    const w = m.word.weight * (demoted.has(m.word.lemma) || demoted.has(m.word.stem) ? demotion : 1);
    total += w;
    found += w * strength(m, level);
  }
  return total === 0 ? 0 : found / total;
}

/** Cosine of the weighted sums of two texts' word vectors. */
export function textCosine(a: ContentWord[], b: ContentWord[], demoted: Set<string>): number {
  const table = embeddings();
  const sum = (words: ContentWord[]) => {
    const v = new Float64Array(table.dimensions);
    for (const w of words) {
      if (w.vector === undefined || demoted.has(w.lemma) || demoted.has(w.stem)) continue;
      table.addTo(v, w.vector, w.weight);
    }
    return v;
  };
  const x = sum(a);
  const y = sum(b);
  let dot = 0;
  let nx = 0;
  let ny = 0;
  for (let d = 0; d < table.dimensions; d++) {
    dot += (x[d] ?? 0) * (y[d] ?? 0);
    nx += (x[d] ?? 0) ** 2;
    ny += (y[d] ?? 0) ** 2;
  }
  return nx === 0 || ny === 0 ? 0 : dot / Math.sqrt(nx * ny);
}
