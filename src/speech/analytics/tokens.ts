/**
 * The transcript as one list of spoken words, whatever the recognizer gave: word timings with or without
 * punctuation (Whisper's word list has none; its text has), or text alone. Punctuation and part of speech
 * are the context the filler, hedge and pause rules read.
 */
import model from "wink-eng-lite-web-model";
import winkNLP, { type WinkMethods } from "wink-nlp";
import type { Transcript } from "../types.ts";

export interface SpokenToken {
  /** The word as recognized, without surrounding punctuation. */
  text: string;
  /** Lower case, straight apostrophes: what the rules compare. */
  norm: string;
  /** Seconds; null when the recognizer gave no timings. */
  start: number | null;
  end: number | null;
  /** Punctuation written right after the word ("," "." "?" …), "" when none. */
  after: string;
  /** First word of the transcript or of a sentence (after . ? !). */
  sentenceStart: boolean;
  /** Universal part-of-speech tag from wink (NOUN, VERB, ADV, DET, PRON, NUM, …). */
  pos: string;
}

export interface TokenizedTranscript {
  tokens: SpokenToken[];
  /** Whether the recognizer wrote any punctuation; without it, sentences are unknown. */
  punctuated: boolean;
  /** Whether the tokens carry the recognizer's own timings. */
  timed: boolean;
}

const SENTENCE_END = /[.?!…]/;
/** Recognizer markers that are not words: <s>, </s>, <sil>, [NOISE], ++BREATH++ … */
const MARKER = /^(<[^>]*>|\[[^\]]*\]|\+\+.*\+\+)$/;

let instance: WinkMethods | undefined;

/** wink's English model takes ~50 ms to load: once, on first use. */
function nlp(): WinkMethods {
  instance ??= winkNLP(model);
  return instance;
}

export function normalizeWord(word: string): string {
  return word
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/^[^a-z0-9']+|[^a-z0-9']+$/g, "")
    .replace(/^'+|'+$/g, "");
}

interface RawWord {
  text: string;
  after: string;
  start: number | null;
  end: number | null;
}

/** Splits text into words, keeping the punctuation that follows each. */
export function splitText(text: string): RawWord[] {
  const out: RawWord[] = [];
  for (const piece of text.split(/\s+/)) {
    if (!piece) continue;
    // Punctuation with no word of its own ("—", "...") belongs to the word before.
    const word = normalizeWord(piece);
    const trailing = piece.match(/[^\p{L}\p{N}']+$/u)?.[0] ?? "";
    if (!word) {
      const previous = out.at(-1);
      if (previous) previous.after += piece;
      continue;
    }
    out.push({
      text: piece.replace(/^[^\p{L}\p{N}']+|[^\p{L}\p{N}']+$/gu, ""),
      after: trailing,
      start: null,
      end: null,
    });
  }
  return out;
}

function fromWords(transcript: Transcript): RawWord[] {
  const out: RawWord[] = [];
  for (const w of transcript.words) {
    const raw = w.word.trim().replace(/\(\d+\)$/, ""); // pocketsphinx's alternative pronunciations: "the(2)"
    if (!raw || MARKER.test(raw)) continue;
    const parts = splitText(raw);
    // A "word" holding several ("you know") shares its time evenly.
    const step = (w.end - w.start) / Math.max(1, parts.length);
    parts.forEach((p, k) => {
      out.push({ ...p, start: w.start + k * step, end: w.start + (k + 1) * step });
    });
  }
  return out;
}

/**
 * Copies the text's punctuation onto timed words that lack it, matching words in order and resyncing
 * after a mismatch within a few words either way.
 */
function borrowPunctuation(words: RawWord[], textWords: RawWord[]): void {
  const LOOKAHEAD = 4;
  let j = 0;
  for (let i = 0; i < words.length && j < textWords.length; i++) {
    const w = normalizeWord((words[i] as RawWord).text);
    let match = -1;
    for (let k = j; k < Math.min(textWords.length, j + LOOKAHEAD); k++) {
      if (normalizeWord((textWords[k] as RawWord).text) === w) {
        match = k;
        break;
      }
    }
    if (match < 0) {
      // Substitution: the text and the word list disagree on this word; move on together.
      j += 1;
      continue;
    }
    (words[i] as RawWord).after = (textWords[match] as RawWord).after;
    j = match + 1;
  }
}

/** Part-of-speech tags for each word, from wink run over the whole text so that context counts. */
function tagWords(words: RawWord[]): string[] {
  const pieces = words.map((w) => `${w.text}${w.after}`);
  const text = pieces.join(" ");
  const owner: number[] = [];
  pieces.forEach((p, k) => {
    for (let c = 0; c < p.length; c++) owner.push(k);
    owner.push(-1); // the joining space
  });
  const tags = words.map(() => "X");
  const { its, readDoc } = nlp();
  const tokens = readDoc(text).tokens();
  const values = tokens.out(its.value) as string[];
  const spaces = tokens.out(its.precedingSpaces) as string[];
  const pos = tokens.out(its.pos) as string[];
  let at = 0;
  values.forEach((value, t) => {
    at += (spaces[t] ?? "").length;
    const k = owner[at] ?? -1;
    if (k >= 0 && tags[k] === "X" && pos[t] !== "PUNCT") tags[k] = pos[t] ?? "X";
    at += value.length;
  });
  return tags;
}

export function tokenize(transcript: Transcript): TokenizedTranscript {
  const timedWords = fromWords(transcript);
  const textWords = splitText(transcript.text ?? "");
  const timed = timedWords.length > 0;
  const words = timed ? timedWords : textWords;
  if (timed && !words.some((w) => w.after) && textWords.some((w) => w.after)) {
    borrowPunctuation(words, textWords);
  }
  const punctuated = words.some((w) => SENTENCE_END.test(w.after) || /[,;:]/.test(w.after));
  const tags = words.length > 0 ? tagWords(words) : [];
  const tokens = words.map((w, k): SpokenToken => {
    const previous = words[k - 1];
    return {
      text: w.text,
      norm: normalizeWord(w.text),
      start: w.start,
      end: w.end,
      after: w.after,
      sentenceStart: k === 0 || (previous !== undefined && SENTENCE_END.test(previous.after)),
      pos: tags[k] ?? "X",
    };
  });
  return { tokens, punctuated, timed };
}

export function endsSentence(token: SpokenToken): boolean {
  return SENTENCE_END.test(token.after);
}

/** Any punctuation after the word: a sentence end or a clause break (comma, semicolon, colon, dash). */
export function hasBreakAfter(token: SpokenToken): boolean {
  return /[.?!…,;:—–-]/.test(token.after);
}
