/** Word error rate: the word-level edit distance between a reference and a hypothesis. */
export interface WordErrorRate {
  /** (substitutions + deletions + insertions) / reference words; 0 for two empty texts, 1 for text vs none. */
  wer: number;
  substitutions: number;
  deletions: number;
  insertions: number;
  /** Words in the reference. */
  words: number;
}

// Recognizers write some words one way and readers another; these are the spellings the same spoken word
// gets in common read-English references (Whisper's English normalizer does the same).
const SPELLINGS: Record<string, string> = {
  mr: "mister",
  mrs: "missus",
  dr: "doctor",
  "&": "and",
};

/** Lower case, no punctuation (apostrophes inside words kept), hyphens split, a few spellings unified. */
export function normalizeWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[-–—_/]/g, " ")
    .split(/\s+/)
    .map((word) => {
      const bare = word.replace(/[^\p{L}\p{N}'&]/gu, "").replace(/^'+|'+$/g, "");
      return SPELLINGS[bare] ?? bare;
    })
    .filter((word) => word !== "");
}

/** Levenshtein over normalized words, with the kind of each edit counted along one cheapest alignment. */
export function wordErrorRate(reference: string, hypothesis: string): WordErrorRate {
  const ref = normalizeWords(reference);
  const hyp = normalizeWords(hypothesis);
  const counts = alignmentCounts(ref, hyp);
  const errors = counts.substitutions + counts.deletions + counts.insertions;
  const wer = ref.length === 0 ? (hyp.length === 0 ? 0 : 1) : errors / ref.length;
  return { wer, ...counts, words: ref.length };
}

/** Sums several utterances' counts into one corpus-level rate (not the mean of the rates). */
export function combineErrorRates(results: readonly WordErrorRate[]): WordErrorRate {
  const total = { substitutions: 0, deletions: 0, insertions: 0, words: 0 };
  for (const r of results) {
    total.substitutions += r.substitutions;
    total.deletions += r.deletions;
    total.insertions += r.insertions;
    total.words += r.words;
  }
  const errors = total.substitutions + total.deletions + total.insertions;
  return { wer: total.words === 0 ? (errors === 0 ? 0 : 1) : errors / total.words, ...total };
}

interface Cell {
  cost: number;
  substitutions: number;
  deletions: number;
  insertions: number;
}

function alignmentCounts(ref: string[], hyp: string[]): Omit<Cell, "cost"> {
  // Two rows of the dynamic-programming table, each cell carrying its edit counts, so no backtrace is needed.
  let previous: Cell[] = hyp.map((_, j) => ({
    cost: j + 1,
    substitutions: 0,
    deletions: 0,
    insertions: j + 1,
  }));
  previous.unshift({ cost: 0, substitutions: 0, deletions: 0, insertions: 0 });
  for (let i = 1; i <= ref.length; i++) {
    const row: Cell[] = [{ cost: i, substitutions: 0, deletions: i, insertions: 0 }];
    for (let j = 1; j <= hyp.length; j++) {
      const diagonal = previous[j - 1] as Cell;
      const up = previous[j] as Cell;
      const left = row[j - 1] as Cell;
      const same = ref[i - 1] === hyp[j - 1];
      const options: Cell[] = [
        {
          ...diagonal,
          cost: diagonal.cost + (same ? 0 : 1),
          substitutions: diagonal.substitutions + (same ? 0 : 1),
        },
        { ...up, cost: up.cost + 1, deletions: up.deletions + 1 },
        { ...left, cost: left.cost + 1, insertions: left.insertions + 1 },
      ];
      row.push(options.reduce((best, option) => (option.cost < best.cost ? option : best)));
    }
    previous = row;
  }
  const { substitutions, deletions, insertions } = previous[hyp.length] as Cell;
  return { substitutions, deletions, insertions };
}
