import type { Analysis } from "./text.ts";

/**
 * How much a text's part-of-speech sequence looks like English prose: the mean pointwise mutual
 * information of adjacent tags (DET→NOUN is likely, DET→VERB is not), learned from real answers. Prose
 * scores about 0.2–0.6; shuffled words ("word salad") and keyword lists score near or below zero, whatever
 * words they use.
 */
export interface GrammarModel {
  coherence(analysis: Analysis): number;
}

const SENTENCE_END = new Set([".", "!", "?"]);

/** Inline `code` is read as one name: its brackets and dots are not English grammar. */
function tagsOf(analysis: Analysis): string[] {
  const tags = ["START"];
  let inCode = false;
  for (const t of analysis.tokens) {
    if (t.value === "`") {
      if (!inCode) tags.push("PROPN");
      inCode = !inCode;
    } else if (inCode) continue;
    else if (t.kind === "punctuation") tags.push(SENTENCE_END.has(t.value) ? "END" : "PUNCT");
    else tags.push(t.pos);
  }
  return tags;
}

export function trainGrammar(examples: Analysis[]): GrammarModel {
  const unigrams = new Map<string, number>();
  const bigrams = new Map<string, number>();
  let total = 0;
  for (const example of examples) {
    const tags = tagsOf(example);
    tags.forEach((tag, i) => {
      unigrams.set(tag, (unigrams.get(tag) ?? 0) + 1);
      total++;
      const next = tags[i + 1];
      if (next !== undefined) bigrams.set(`${tag}>${next}`, (bigrams.get(`${tag}>${next}`) ?? 0) + 1);
    });
  }
  // Add-half smoothing over the tag set keeps unseen transitions finite.
  const vocabulary = Math.max(unigrams.size, 1);
  const alpha = 0.5;
  return {
    coherence(analysis) {
      if (total === 0) return 0;
      const tags = tagsOf(analysis);
      let sum = 0;
      for (let i = 0; i + 1 < tags.length; i++) {
        const a = tags[i] as string;
        const b = tags[i + 1] as string;
        const pBgivenA =
          ((bigrams.get(`${a}>${b}`) ?? 0) + alpha) / ((unigrams.get(a) ?? 0) + alpha * vocabulary);
        const pB = ((unigrams.get(b) ?? 0) + alpha) / (total + alpha * vocabulary);
        sum += Math.log(pBgivenA / pB);
      }
      return tags.length > 1 ? sum / (tags.length - 1) : 0;
    },
  };
}
