import type { Corpus } from "./corpus.ts";

export type Vector = Map<string, number>;

/** BM25's term-frequency saturation: the fifth "cache" says less than the first. */
const K1 = 1.2;

export function vectorOf(terms: string[], corpus: Corpus): Vector {
  const tf = new Map<string, number>();
  for (const term of terms) tf.set(term, (tf.get(term) ?? 0) + 1);
  const vector: Vector = new Map();
  for (const [term, count] of tf) vector.set(term, corpus.idf(term) * ((count * (K1 + 1)) / (count + K1)));
  return vector;
}

export function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [term, w] of a) {
    na += w * w;
    const other = b.get(term);
    if (other !== undefined) dot += w * other;
  }
  for (const w of b.values()) nb += w * w;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** Idf-weighted share of a reference's distinct terms that the answer also uses. */
export function weightedRecall(reference: string[], answer: Set<string>, corpus: Corpus): number {
  let total = 0;
  let found = 0;
  for (const term of new Set(reference)) {
    const w = corpus.idf(term);
    total += w;
    if (answer.has(term)) found += w;
  }
  return total === 0 ? 0 : found / total;
}

/** Idf-weighted share of the answer's distinct terms that a reference uses: how much of it is on topic. */
export function weightedPrecision(answer: Set<string>, reference: Set<string>, corpus: Corpus): number {
  let total = 0;
  let found = 0;
  for (const term of answer) {
    const w = corpus.idf(term);
    total += w;
    if (reference.has(term)) found += w;
  }
  return total === 0 ? 0 : found / total;
}

/** The terms two vectors share, heaviest first: the evidence behind a similarity. */
export function sharedTerms(a: Vector, b: Vector, limit: number): string[] {
  return [...a]
    .filter(([term]) => b.has(term))
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, limit)
    .map(([term]) => term);
}
