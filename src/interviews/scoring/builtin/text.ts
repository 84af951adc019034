import model from "wink-eng-lite-web-model";
import winkNLP, { type ItsFunction, type WinkMethods } from "wink-nlp";

/** One token of a text, with what wink's English model knows about it. */
export interface Token {
  value: string;
  normal: string;
  lemma: string;
  /** Porter2 stem of the lemma: joins derived forms ("communicate", "communication") for matching. */
  stem: string;
  pos: string;
  /** wink's token type: word, number, punctuation, symbol, email, url, … */
  kind: string;
  stop: boolean;
  /** Neither the word nor its lemma is in the model's lexicon. */
  oov: boolean;
}

export interface Sentence {
  text: string;
  /** Token indexes, inclusive. */
  first: number;
  last: number;
}

export interface Analysis {
  text: string;
  tokens: Token[];
  sentences: Sentence[];
  entities: { value: string; type: string }[];
  /** Number of word tokens (what "length in words" means everywhere in the scorer). */
  words: number;
}

let instance: WinkMethods | undefined;

/** The model takes ~50 ms to load, so it is loaded once, on first use. */
export function nlp(): WinkMethods {
  instance ??= winkNLP(model);
  return instance;
}

/** wink's typings declare lemma and stem with an extra addons parameter that `out` supplies itself. */
const addonIts = (f: unknown) => f as ItsFunction<string>;

const stems = new Map<string, string>();

/** The Porter2 stem of a lemma, memoised: the vocabulary of interview answers is small. */
function stemOf(lemma: string, fallback: string): string {
  const known = stems.get(lemma);
  if (known !== undefined) return known;
  const tokens = nlp().readDoc(lemma).tokens();
  const stem = tokens.length() === 1 ? String(tokens.itemAt(0).out(addonIts(nlp().its.stem))) : fallback;
  if (stems.size > 50_000) stems.clear();
  stems.set(lemma, stem);
  return stem;
}

export function analyze(text: string): Analysis {
  const { its, readDoc } = nlp();
  const doc = readDoc(text);
  const tokens = doc.tokens();
  const values = tokens.out(its.value) as string[];
  const normals = tokens.out(its.normal) as string[];
  const lemmas = tokens.out(addonIts(its.lemma)) as string[];
  const stemsOfNormal = tokens.out(addonIts(its.stem)) as string[];
  const pos = tokens.out(its.pos) as string[];
  const kinds = tokens.out(its.type) as string[];
  const stops = tokens.out(its.stopWordFlag) as unknown as boolean[];
  const list: Token[] = values.map((value, i) => {
    const normal = normals[i] ?? value.toLowerCase();
    const lemma = (lemmas[i] ?? normal).toLowerCase();
    const kind = kinds[i] ?? "word";
    return {
      value,
      normal,
      lemma,
      stem: kind === "word" ? stemOf(lemma, stemsOfNormal[i] ?? normal) : normal,
      pos: pos[i] ?? "X",
      kind,
      stop: stops[i] ?? false,
      oov: kind === "word" && doc.isOOV(normal) && doc.isOOV(lemma),
    };
  });
  const spans = doc.sentences().out(its.span) as unknown as [number, number][];
  const texts = doc.sentences().out() as string[];
  const sentences = spans.map(([first, last], i) => ({ text: texts[i] ?? "", first, last }));
  const entities = doc.entities().out(its.detail) as unknown as { value: string; type: string }[];
  return {
    text,
    tokens: list,
    sentences,
    entities: entities.map((e) => ({ value: e.value, type: e.type })),
    words: list.filter((t) => t.kind === "word").length,
  };
}

const cache = new Map<string, Analysis>();

/**
 * Analyses of the question side (question, sample answer, keywords) repeat across answers; they are kept
 * in a small first-in-first-out cache. Answers are not cached.
 */
export function analyzeCached(text: string): Analysis {
  const hit = cache.get(text);
  if (hit) return hit;
  const result = analyze(text);
  if (cache.size >= 512) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(text, result);
  return result;
}

export function sentenceTokens(analysis: Analysis, sentence: Sentence): Token[] {
  return analysis.tokens.slice(sentence.first, sentence.last + 1);
}

export const isWord = (t: Token): boolean => t.kind === "word";

/** Lower-cased words joined by single spaces, for phrase cues ("as a result", "i guess"). */
export function wordText(tokens: Token[]): string {
  return ` ${tokens
    .filter((t) => t.kind !== "punctuation" || t.value === "%")
    .map((t) => t.normal)
    .join(" ")} `;
}
