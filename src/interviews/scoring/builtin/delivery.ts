import { type Analysis, sentenceTokens, wordText } from "./text.ts";

/** Phrases that take back what is being said. Matched on normalised words ("don't" → "do not"). */
const HEDGES = [
  "i guess",
  "maybe",
  "kind of",
  "sort of",
  "probably",
  "perhaps",
  "possibly",
  "i think",
  "i suppose",
  "not sure",
  "i do not know",
  "i am not sure",
  "i'm not sure",
  "hopefully",
  "somewhat",
  "i believe",
  "might",
  "not really",
  "i would say",
  "or something",
  "i am not an expert",
  "i'm not an expert",
  "if i remember",
];
/** Spoken filler: words that carry nothing. */
const FILLERS = [
  "um",
  "uh",
  "erm",
  "uhm",
  "you know",
  "basically",
  "literally",
  "i mean",
  "like ,",
  "so yeah",
  "or whatever",
  "and stuff",
  "stuff like that",
  "things like that",
  "etc",
];
/** Words that signal an organised answer: sequence, cause, contrast, example. */
const CONNECTIVES = [
  "first",
  "second",
  "then",
  "next",
  "finally",
  "because",
  "so that",
  "therefore",
  "however",
  "for example",
  "for instance",
  "as a result",
  "which means",
  "instead",
  "after that",
  "once",
];

export interface PhraseCount {
  count: number;
  phrases: string[];
}

export interface Delivery {
  hedging: PhraseCount;
  fillers: PhraseCount;
  connectives: PhraseCount;
  ownership: { i: number; we: number; share: number };
  sentences: { count: number; meanWords: number; longest: number };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

function countPhrases(text: string, phrases: string[]): PhraseCount {
  const found: string[] = [];
  let count = 0;
  for (const phrase of phrases) {
    const n = text.match(new RegExp(`(?<=\\s)${escapeRegExp(phrase)}(?=\\s)`, "g"))?.length ?? 0;
    if (n > 0) found.push(phrase);
    count += n;
  }
  return { count, phrases: found };
}

const SELF = new Set(["i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll"]);
const TEAM = new Set(["we", "us", "our", "ours", "ourselves", "we're", "we've", "we'd", "we'll"]);

export function measureDelivery(analysis: Analysis): Delivery {
  const tokens = analysis.tokens;
  // Raw text keeps commas, so "like ," (filler) is told from "like" (comparison).
  const text = ` ${tokens.map((t) => t.normal).join(" ")} `;
  let i = 0;
  let we = 0;
  for (const t of tokens) {
    if (SELF.has(t.normal)) i++;
    else if (TEAM.has(t.normal)) we++;
  }
  const lengths = analysis.sentences.map(
    (s) => sentenceTokens(analysis, s).filter((t) => t.kind === "word").length,
  );
  const words = wordText(tokens);
  return {
    hedging: countPhrases(words, HEDGES),
    fillers: countPhrases(text, FILLERS),
    connectives: countPhrases(words, CONNECTIVES),
    ownership: { i, we, share: i + we === 0 ? 0.5 : i / (i + we) },
    sentences: {
      count: lengths.filter((n) => n > 0).length,
      meanWords: lengths.length === 0 ? 0 : analysis.words / Math.max(1, lengths.filter((n) => n > 0).length),
      longest: Math.max(0, ...lengths),
    },
  };
}
