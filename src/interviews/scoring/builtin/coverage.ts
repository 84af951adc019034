import { type AnswerSentences, keywordClaim } from "./claims.ts";

export interface KeywordCoverage {
  matched: string[];
  missing: string[];
  /** Neither clearly said nor clearly absent: feedback claims nothing about these. */
  unclear: string[];
  /** Keywords the recognizer may have heard wrong (spoken answers): possibly said, never "covered". */
  possible: string[];
  /** The sentence that says each matched keyword. */
  quotes: Record<string, string>;
  /** 0–1: full matches count 1, partial evidence counts its share, a possibly said keyword half. */
  value: number;
}

export interface PointCoverage {
  point: string;
  credit: number;
  covered: boolean;
}

/** "STAR" as an expected keyword asks for the structure, not the word. */
const isStructuralKeyword = (keyword: string) => keyword.trim().toLowerCase() === "star";

export function keywordCoverage(
  keywords: string[],
  sentences: AnswerSentences,
  starCompleteness: number,
  possiblySaid: ReadonlySet<string> = new Set(),
  mayCallMissing = true,
): KeywordCoverage {
  const out: KeywordCoverage = { matched: [], missing: [], unclear: [], possible: [], quotes: {}, value: 0 };
  let credit = 0;
  for (const keyword of keywords) {
    if (isStructuralKeyword(keyword)) {
      (starCompleteness >= 0.75 ? out.matched : out.missing).push(keyword);
      credit += starCompleteness >= 0.75 ? 1 : starCompleteness / 2;
      continue;
    }
    const claim = keywordClaim(keyword, sentences, mayCallMissing);
    if (claim.verdict !== "covered" && possiblySaid.has(keyword)) {
      out.possible.push(keyword);
      credit += 0.5;
      continue;
    }
    if (claim.verdict === "covered") {
      out.matched.push(keyword);
      if (claim.quote) out.quotes[keyword] = claim.quote;
      credit += 1;
    } else {
      (claim.verdict === "missing" ? out.missing : out.unclear).push(keyword);
      credit += claim.credit;
    }
  }
  out.value = keywords.length === 0 ? 0 : credit / keywords.length;
  return out;
}

/** The question's own words are no evidence of an answer: echoing "microtasks and macrotasks" explains nothing. */
export const withoutQuestion = (terms: string[], question: Set<string>): string[] => {
  const rest = terms.filter((t) => !question.has(t));
  return rest.length > 0 ? rest : terms;
};

export const meanCredit = (points: PointCoverage[]): number =>
  points.length === 0 ? 0 : points.reduce((sum, p) => sum + p.credit, 0) / points.length;
