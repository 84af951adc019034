import type { QuestionType } from "../types.ts";
import { type Analysis, sentenceTokens, type Token, wordText } from "./text.ts";

/**
 * STAR: situation, task, action, result. Cues are read per sentence from normalised words (contractions
 * expanded by wink: "I'd" → "i would"), and actions from the grammar: "I" as the subject of a verb.
 */
const SITUATION = [
  /\b(at|in) my (last|previous|current|old|first|former) (job|company|role|team|employer|startup|internship|position|project)\b/,
  /\b(when|while) (i|we) (was|were|worked|working)\b/,
  /\bwhile working\b/,
  /\b(last|this past) (year|quarter|month|summer|spring|autumn|fall|winter|sprint)\b/,
  /\b(a few|two|three|several|some) (years|months|weeks) ago\b/,
  /\bin (19|20)\d\d\b/,
  /\b(there was|there were|we had|our team|i joined|i was working|we were building|we were running)\b/,
  /^ (once|recently|early on)\b/,
  /^ (situation|context|background)\b/,
];
const TASK = [
  /\bmy (task|goal|job|responsibility|role|assignment|objective|mandate|challenge|priority|call|decision|change) (was|is|would be)\b/,
  /\bi was (asked|tasked|responsible|assigned|charged|brought in|hired|in charge|the owner|leading|on call)\b/,
  /\b(i|we) (needed|had|wanted|was asked|were asked|was supposed|were supposed|need|have) to\b/,
  /\bthe (goal|challenge|problem|issue|task|objective|deadline|risk|constraint|ask|priority|stakes) (was|is|would be)\b/,
  /\b(it was (my|our) (job|change|call|decision|responsibility)|i owned|i was the one|at stake|deadline|threatening|blocking|urgent)\b/,
  /^ (task|goal)\b/,
];
const RESULT = [
  /^ (result|results|outcome|impact)\b/,
  /\b(as a result|in the end|ended up|eventually|ultimately|the outcome|the result|the impact|since then|afterwards|after that|from then on)\b/,
  /\b(result|resulted|outcome|impact|learned|learnt|lesson|takeaway)\b/,
  /\b(which|that|this|it) (led|meant|cut|reduced|increased|improved|saved|helped|brought|lowered|raised|doubled|halved|dropped|grew)\b/,
  /\b(shipped|launched|delivered|released|hit|met|beat) (it|the|on|our|a|two|three)\b/,
];
/** Late sentences that report what changed or stuck: "we haven't had one since", "she now asks early". */
const RESULT_LATE =
  /\b(since|now|no longer|anymore|ever since|today|stuck|adopted|renewed|caught|turned out|worked)\b/;
/** Early sentences of a plan for a hypothetical situation: understanding it before acting. */
const SITUATION_FORWARD =
  /\b(first|start by|begin by|before anything|i would|i'd)\b.*\b(clarify|understand|assess|gather|reproduce|triage|investigate|check|look at|ask|find out|confirm|verify|quantify|talk to)\b/;
const TASK_FORWARD =
  /\b(priority|goal|aim|objective|what matters|the key|the risk|stakes|trade-off|tradeoff|constraint|deadline)\b/;
const RESULT_FORWARD = [
  /\b(success would|i would measure|to measure|so that|make sure|follow up|follow-up|retro|retrospective|post-mortem|postmortem|would expect|the goal is|outcome|afterwards|going forward)\b/,
];
const CHANGE =
  /\b(reduc\w*|increas\w*|improv\w*|cut|cutting|sav(ed|ing)|dropp\w*|drops?|grew|grow\w*|doubl\w*|halv\w*|rais\w*|lower\w*|boost\w*|lift\w*|shrank|fell|rose|went from|faster|slower|fewer|reach\w*)\b/;

export interface StarResult {
  situation: boolean;
  task: boolean;
  action: boolean;
  result: boolean;
  /** Sentences where the speaker ("I") is the one acting. */
  actionSentences: number;
  /** Sentences in the past tense: a behavioral answer without any tells no story. */
  pastSentences: number;
  /** 0–1, actions and results weighing most. */
  completeness: number;
  evidence: Partial<Record<"situation" | "task" | "action" | "result", string>>;
}

const FIRST_PERSON = new Set(["i", "i'm", "i've", "i'd", "i'll"]);
const PAST_AUX = new Set(["was", "were", "had", "did"]);
const NOT_ACTIONS = new Set(["think", "guess", "feel", "suppose", "believe", "mean"]);

/** Past tense without a tense tagger: a verb inflected away from its lemma, but not as "-ing" or "-s". */
const isPastVerb = (t: Token) =>
  t.pos === "VERB" && t.normal !== t.lemma && !t.normal.endsWith("ing") && !t.normal.endsWith("s");

/** A sentence telling what happened: a past auxiliary or a past-tense verb. */
function isPastNarrative(tokens: Token[]): boolean {
  return tokens.some((t) => (t.pos === "AUX" && PAST_AUX.has(t.normal)) || isPastVerb(t));
}

/**
 * "I" followed, within three words, by a verb it governs: "I rewrote", "I would first call", "I then set
 * up". In a story (past) the verb must be past: "I always try to…" describes a habit, not an action.
 */
function isOwnAction(tokens: Token[], past: boolean): boolean {
  for (let i = 0; i < tokens.length; i++) {
    if (!FIRST_PERSON.has(tokens[i]?.normal ?? "")) continue;
    let pastAux = false;
    for (let k = i + 1; k <= i + 3 && k < tokens.length; k++) {
      const t = tokens[k] as Token;
      if (t.kind === "punctuation") break;
      if (t.pos === "AUX" && PAST_AUX.has(t.normal)) pastAux = true;
      if (t.pos !== "VERB" || NOT_ACTIONS.has(t.lemma)) continue;
      if (!past || pastAux || isPastVerb(t)) return true;
    }
  }
  return false;
}

const hasNumber = (tokens: Token[]) => tokens.some((t) => t.kind === "number" || t.pos === "NUM");

export function detectStar(analysis: Analysis, type: QuestionType): StarResult {
  const evidence: StarResult["evidence"] = {};
  let actionSentences = 0;
  let pastSentences = 0;
  const found = { situation: false, task: false, action: false, result: false };
  const forward = type === "situational";
  const count = analysis.sentences.length;
  analysis.sentences.forEach((sentence, index) => {
    const tokens = sentenceTokens(analysis, sentence);
    const text = wordText(tokens);
    const early = index < Math.max(1, Math.ceil(count * 0.4));
    const late = index >= Math.floor(count * 0.6);
    const mark = (part: keyof typeof found) => {
      found[part] = true;
      evidence[part] ??= sentence.text.slice(0, 120);
    };
    const past = isPastNarrative(tokens);
    if (past) pastSentences++;
    // One sentence is no story: context needs a sentence of its own before the action.
    const narrativeContext = early && past && count > 1 && tokens.length >= 6;
    const situation = forward
      ? early && (SITUATION.some((re) => re.test(text)) || SITUATION_FORWARD.test(text))
      : SITUATION.some((re) => re.test(text)) || narrativeContext;
    if (situation) mark("situation");
    if (TASK.some((re) => re.test(text)) || (forward && TASK_FORWARD.test(text))) mark("task");
    if (isOwnAction(tokens, type === "behavioral")) {
      actionSentences++;
      mark("action");
    }
    const result =
      RESULT.some((re) => re.test(text)) ||
      (hasNumber(tokens) && CHANGE.test(text)) ||
      (late && count > 2 && RESULT_LATE.test(text)) ||
      (forward && late && RESULT_FORWARD.some((re) => re.test(text)));
    if (result) mark("result");
  });
  const action = Math.min(1, actionSentences / 2);
  const completeness =
    0.2 * Number(found.situation) + 0.15 * Number(found.task) + 0.35 * action + 0.3 * Number(found.result);
  return { ...found, actionSentences, pastSentences, completeness, evidence };
}
