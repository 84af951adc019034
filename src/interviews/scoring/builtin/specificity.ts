import type { Analysis, Token } from "./text.ts";
import { wordText } from "./text.ts";

export interface Specificity {
  /** Distinct quantities: counts, percentages, money, durations, dates. */
  numbers: number;
  /** Quantities tied to a unit or metric ("40%", "120 ms", "$5k", "3x"). */
  metrics: number;
  /** Named tools, products, techniques: proper nouns and known-but-rare technical words. */
  tools: string[];
  /** Markers of a concrete example or episode ("for example", "on my last project"). */
  examples: number;
  /** 0–1, saturating: a couple of each is what a specific answer has. */
  value: number;
}

const QUANTITY_TYPES = new Set(["CARDINAL", "PERCENT", "MONEY", "DURATION", "DATE", "TIME", "ORDINAL"]);
const METRIC_TYPES = new Set(["PERCENT", "MONEY", "DURATION"]);
const UNITS =
  /^(ms|s|sec|secs|seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|x|k|kb|mb|gb|tb|rps|qps|req|requests|users|customers|percent|points?|pts|%|p\d\d)$/;
const EXAMPLE_CUES = [
  /\b(for example|for instance|e g|such as|in one case|one time|case in point)\b/,
  /\b(at|in|on) my (last|previous|current|former|first) (job|company|role|team|employer|project|startup|internship)\b/,
  /\b(we|i) (once|recently)\b/,
  /\bat (a|one) (previous|former|fintech|startup|saas|bank|retailer|agency)\b/,
];

/** Proper nouns that are just sentence openers or pronoun-like capitals, not names. */
const NOT_NAMES = new Set(["i", "i'm", "ok", "okay", "yes", "so", "um", "uh"]);

function isNamed(token: Token, index: number, tokens: Token[]): boolean {
  if (token.kind !== "word" || NOT_NAMES.has(token.normal) || token.normal.includes("'")) return false;
  const sentenceStart = index === 0 || tokens[index - 1]?.kind === "punctuation";
  if (token.pos === "PROPN" && !sentenceStart) return true;
  // camelCase, dotted names and names with digits: useState, Node.js, p95, S3
  return (
    /[a-z][A-Z]|[a-z]\.[a-z]|[a-zA-Z]\d|\d[a-zA-Z]/.test(token.value) &&
    !/^\d+(s|k|x|m|ms|th|st|nd|rd)$/i.test(token.value)
  );
}

export function measureSpecificity(analysis: Analysis): Specificity {
  const tokens = analysis.tokens;
  const quantities = analysis.entities.filter((e) => QUANTITY_TYPES.has(e.type));
  let metrics = analysis.entities.filter((e) => METRIC_TYPES.has(e.type)).length;
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    if (t.kind === "number" && next && UNITS.test(next.normal) && next.normal !== "%") metrics++;
  });
  const named = tokens.filter((t, i) => isNamed(t, i, tokens));
  // Most telling first (acronyms, code-like names, words outside the dictionary), so feedback quotes those.
  const rank = (t: Token) => (/^[A-Z0-9]{2,}$|[a-z][A-Z]|\.|\d/.test(t.value) ? 0 : t.oov ? 1 : 2);
  const tools = [
    ...new Set(
      named
        .map((t, i) => ({ t, i }))
        .sort((a, b) => rank(a.t) - rank(b.t) || a.i - b.i)
        .map(({ t }) => t.value.replace(/[.,;:]$/, "")),
    ),
  ];
  const text = analysis.sentences.map((s) => wordText(tokens.slice(s.first, s.last + 1))).join(" ");
  const examples = EXAMPLE_CUES.reduce((n, re) => n + (re.test(text) ? 1 : 0), 0);
  const numbers = new Set(quantities.map((q) => q.value)).size;
  const raw =
    0.6 * Math.min(numbers, 4) +
    0.6 * Math.min(metrics, 3) +
    0.35 * Math.min(tools.length, 6) +
    0.8 * Math.min(examples, 2);
  return { numbers, metrics, tools, examples, value: 1 - Math.exp(-raw / 2.2) };
}
