import type { Embeddings } from "./embeddings.ts";

const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/** Every string one edit (delete, swap, substitute, insert) away from a lower-case word. */
function* oneEdit(word: string): Generator<string> {
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (tail) yield head + tail.slice(1);
    if (tail.length > 1) yield head + (tail[1] ?? "") + (tail[0] ?? "") + tail.slice(2);
    for (const c of LETTERS) {
      if (tail) yield head + c + tail.slice(1);
      yield head + c + tail;
    }
  }
}

/**
 * A known word, or a typing slip of one ("throught", "programm", "refrence"): in the `maxRank` most
 * frequent words of the embeddings, or one edit away from one of them. Keyboard mash ("xqzvb") is not.
 */
export function isWordLike(word: string, table: Embeddings, maxRank: number): boolean {
  const known = (w: string) => (table.indexOf(w) ?? Number.POSITIVE_INFINITY) < maxRank;
  if (known(word)) return true;
  if (word.length < 4 || word.length > 20 || /[^a-z]/.test(word)) return false;
  for (const variant of oneEdit(word)) if (known(variant)) return true;
  return false;
}
