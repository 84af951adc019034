// What makes a resume bullet strong, measured the way reviewers and ATS-minded recruiters judge it.

const ACTION_VERBS = new Set(
  `accelerated achieved acquired adapted added administered advanced advised advocated analyzed applied appointed
  architected arranged assembled assessed audited automated balanced benchmarked boosted budgeted built calculated
  championed changed coached collaborated collected completed composed computed conceived conceptualized conducted
  configured consolidated constructed consulted contributed controlled converted coordinated created cultivated
  curated cut debugged decreased defined delivered deployed designed detected developed devised diagnosed directed
  discovered doubled drafted drove earned edited educated eliminated enabled encouraged engineered enhanced
  established evaluated examined executed expanded expedited experimented facilitated fixed forecasted formed
  formulated founded generated grew guided halved handled headed hired identified implemented improved increased
  influenced initiated innovated inspected installed instituted instructed integrated interviewed introduced
  invented investigated launched led leveraged lowered maintained managed mapped marketed maximized measured
  mentored merged migrated minimized modeled modernized monitored motivated negotiated onboarded operated optimized
  orchestrated organized overhauled oversaw partnered performed persuaded piloted pioneered planned prepared
  presented prioritized processed produced programmed promoted proposed prototyped provided published raised
  ran rebuilt recommended reconciled recruited redesigned reduced refactored refined regulated rehabilitated
  reorganized replaced reported represented researched resolved restructured revamped reviewed revised scaled
  scheduled secured selected served shipped simplified solved spearheaded standardized steered streamlined
  strengthened structured supervised supported surpassed synthesized tested tracked trained transformed translated
  tripled troubleshot tuned unified upgraded validated wrote won`.split(/\s+/),
);

const WEAK_OPENINGS =
  /^(responsible for|duties included|tasks included|worked on|helped (with|to)?|assisted (with|in)|involved in|participated in|in charge of|various|handled various)/i;
const QUANTIFIED =
  /(\d+(?:[.,]\d+)?\s*(?:%|percent|x\b|k\b|m\b|bn\b|hrs?\b|hours|days|weeks|months|users|customers|clients|people|engineers|members|services|projects)|[$€£₹]\s?\d|\b\d{2,}\b|\b\d+(?:\.\d+)?[kKmMbB]\b)/;
const CLICHES =
  /\b(hard[- ]working|team player|detail[- ]oriented|go[- ]getter|self[- ]starter|results[- ]driven|synergy|think outside the box|dynamic individual|passionate about everything|best of breed)\b/gi;

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

export function startsWithActionVerb(bullet: string): boolean {
  const first =
    bullet
      .trim()
      .split(/\s+/)[0]
      ?.toLowerCase()
      .replace(/[^a-z-]/g, "") ?? "";
  return ACTION_VERBS.has(first);
}

export function isQuantified(bullet: string): boolean {
  return QUANTIFIED.test(bullet);
}

export function isWeakOpening(bullet: string): boolean {
  return WEAK_OPENINGS.test(bullet.trim());
}

export function cliches(text: string): string[] {
  return [...new Set((text.match(CLICHES) ?? []).map((c) => c.toLowerCase()))];
}

/** A good bullet is one line or two: 8 to 32 words. */
export function hasGoodLength(bullet: string): boolean {
  const words = wordCount(bullet);
  return words >= 8 && words <= 32;
}

export function quote(text: string, max = 90): string {
  const clean = text.replace(/\s+/g, " ").trim();
  return `“${clean.length > max ? `${clean.slice(0, max - 1)}…` : clean}”`;
}
