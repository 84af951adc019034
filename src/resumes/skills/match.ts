import { SKILL_TAXONOMY, type SkillEntry } from "./taxonomy-data.ts";

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
// A skill stands alone: no letter or digit touching it ("Java" is not in "JavaScript", "R" not in "R&D"'s "D").
const wrap = (alternation: string) => `(?<![\\p{L}\\p{N}+#])(?:${alternation})(?![\\p{L}\\p{N}+#]|&\\p{L})`;

/** Finds the skills of the taxonomy in text, by canonical name or alias, and names them canonically. */
export class SkillMatcher {
  private readonly exact = new Map<string, string>();
  private readonly exactCased = new Map<string, string>();
  private readonly casedFolded = new Map<string, string>();
  private readonly anyCase: RegExp;
  private readonly cased: RegExp;
  readonly categories = new Map<string, SkillEntry["category"]>();

  constructor(entries: readonly SkillEntry[] = SKILL_TAXONOMY) {
    const loose: string[] = [];
    const strict: string[] = [];
    for (const entry of entries) {
      this.categories.set(entry.name, entry.category);
      for (const term of [entry.name, ...entry.aliases]) {
        if (entry.caseSensitive) {
          this.exactCased.set(term, entry.name);
          this.casedFolded.set(term.toLowerCase(), entry.name);
          strict.push(term);
        } else {
          this.exact.set(term.toLowerCase(), entry.name);
          loose.push(term);
        }
      }
    }
    const byLength = (a: string, b: string) => b.length - a.length;
    this.anyCase = new RegExp(wrap(loose.sort(byLength).map(escapeRegExp).join("|")), "giu");
    this.cased = new RegExp(wrap(strict.sort(byLength).map(escapeRegExp).join("|") || "(?!)"), "gu");
  }

  /**
   * The canonical name of a skill written this way, if known. An item of a skills list is a skill by
   * position, so there case does not matter even for names that are ordinary words ("pandas", "spark").
   */
  canonical(term: string, options: { listItem?: boolean } = {}): string | undefined {
    const trimmed = term.trim().replace(/\s+/g, " ");
    const folded = trimmed.toLowerCase();
    return (
      this.exactCased.get(trimmed) ??
      this.exact.get(folded) ??
      (options.listItem ? this.casedFolded.get(folded) : undefined)
    );
  }

  /** Every skill mentioned in the text, with how often. */
  count(text: string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const hit of this.find(text)) counts.set(hit.name, (counts.get(hit.name) ?? 0) + 1);
    return counts;
  }

  /** The skills mentioned, in order of appearance, each place matched once (the longest match wins). */
  find(text: string): { start: number; end: number; name: string }[] {
    const found: { start: number; end: number; name: string }[] = [];
    for (const match of text.matchAll(this.anyCase)) {
      const name = this.exact.get(match[0].toLowerCase());
      if (name) found.push({ start: match.index ?? 0, end: (match.index ?? 0) + match[0].length, name });
    }
    for (const match of text.matchAll(this.cased)) {
      const name = this.exactCased.get(match[0]);
      if (name) found.push({ start: match.index ?? 0, end: (match.index ?? 0) + match[0].length, name });
    }
    // The two passes can both match at one place ("React" inside "React Native"): the longer match wins.
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    const kept: typeof found = [];
    let coveredUntil = -1;
    for (const hit of found) {
      if (hit.start < coveredUntil) continue;
      kept.push(hit);
      coveredUntil = hit.end;
    }
    return kept;
  }
}

let shared: SkillMatcher | undefined;

/** One matcher for the process: building the patterns takes a few milliseconds. */
export function skillMatcher(): SkillMatcher {
  shared ??= new SkillMatcher();
  return shared;
}

/**
 * Items of a skills section: "Languages: Python, Go | Tools: Docker; k8s" → ["Python", "Go", "Docker", "k8s"].
 * Skills laid out as chips with only spaces between them ("Python SQL pandas Hugging Face") are read by
 * finding the known skills in order.
 */
export function splitSkillItems(text: string, matcher: SkillMatcher = skillMatcher()): string[] {
  return text
    .split(/\n|[,;|•·▪◦●]|\s{2,}|\t/)
    .map((item) =>
      item
        .replace(/^[^:]{1,30}:\s*/, "")
        .replace(/\(.*?\)/g, "")
        .trim(),
    )
    .map((item) =>
      item
        .replace(/^(?:and|&)\s+/i, "")
        .replace(/[.]$/, "")
        .trim(),
    )
    .flatMap((item) =>
      item.split(/\s+/).length > 4 ? matcher.find(item).map((hit) => item.slice(hit.start, hit.end)) : [item],
    )
    .filter((item) => item.length > 0 && item.length <= 40);
}
