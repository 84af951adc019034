import { describe, expect, it } from "vitest";
import { findFillers, findHedges, tokenize } from "../src/speech/analytics/index.ts";
import type { Transcript, TranscriptWord } from "../src/speech/types.ts";

type Labelled = [text: string, fillers: string[]];

function transcript(text: string, words: TranscriptWord[] = []): Transcript {
  return { text, words, duration: 0, language: "en", provider: "test", processing_ms: 0 };
}

function fillersIn(text: string): string[] {
  return findFillers(tokenize(transcript(text)).tokens).map((f) => f.word);
}

function hedgesIn(text: string): string[] {
  return findHedges(tokenize(transcript(text)).tokens).map((h) => h.phrase);
}

/** Words 0.3 s long, touching, except where "[0.6]" puts a pause; punctuation kept as written. */
function timedWords(script: string): TranscriptWord[] {
  const words: TranscriptWord[] = [];
  let at = 0;
  for (const piece of script.split(/\s+/).filter(Boolean)) {
    const pause = piece.match(/^\[(\d+(?:\.\d+)?)\]$/);
    if (pause) {
      at += Number(pause[1]);
      continue;
    }
    words.push({
      word: piece,
      start: Math.round(at * 1000) / 1000,
      end: Math.round((at + 0.3) * 1000) / 1000,
      confidence: 0.9,
    });
    at += 0.3;
  }
  return words;
}

function fillersTimed(script: string): { word: string; at: number | null }[] {
  const words = timedWords(script);
  return findFillers(tokenize(transcript(words.map((w) => w.word).join(" "), words)).tokens).map((f) => ({
    word: f.word,
    at: f.at,
  }));
}

function accuracy(set: Labelled[], prepare: (text: string) => string = (t) => t) {
  let right = 0;
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  for (const [text, want] of set) {
    const got = fillersIn(prepare(text)).map((w) => w.toLowerCase());
    const expected = want.map((w) => w.toLowerCase());
    if (JSON.stringify(got) === JSON.stringify(expected)) right += 1;
    const missing = [...expected];
    for (const word of got) {
      const k = missing.indexOf(word);
      if (k >= 0) {
        truePositives += 1;
        missing.splice(k, 1);
      } else falsePositives += 1;
    }
    falseNegatives += missing.length;
  }
  return {
    sentences: right / set.length,
    precision: truePositives / Math.max(1, truePositives + falsePositives),
    recall: truePositives / Math.max(1, truePositives + falseNegatives),
  };
}

/** The sentences the rules were written against: filler and meaningful uses of each word. */
const DEVELOPMENT: Labelled[] = [
  // like
  ["I like Python because it reads well.", []],
  ["I would like to lead a team one day.", []],
  ["We used tools like Jira and Confluence.", []],
  ["It looks like the cache was stale.", []],
  ["It felt like a long project.", []],
  ["It was, like, really hard to debug.", ["like"]],
  ["It was like really hard to debug.", ["like"]],
  ["And like we just shipped it on Friday.", ["like"]],
  ["Like, I never expected that outage.", ["like"]],
  ["It took like three weeks to migrate.", ["like"]],
  ["Like I said, the API was the bottleneck.", []],
  ["Like most teams, we used Scrum.", []],
  ["We really like pair programming here.", []],
  ["It behaves like a queue with retries.", []],
  ["Something like that would work.", []],
  ["The service like crashed every night.", ["like"]],
  ["um like we had no tests at all", ["um", "like"]],
  // so
  ["So I worked at a fintech startup for three years.", ["so"]],
  ["So, the main problem was latency.", ["so"]],
  ["The build failed, so we rolled back.", []],
  ["We added an index so that queries were faster.", []],
  ["I think so.", []],
  ["It was so slow that users complained.", []],
  ["We shipped it and it worked, so.", ["so"]],
  ["So um I started with the logs.", ["so", "um"]],
  ["So far we have migrated half of the services.", []],
  ["It took a week or so to finish.", []],
  // right
  ["You would cache the result, right?", ["right"]],
  ["That's the right way to do it.", []],
  ["Right now we deploy twice a day.", []],
  ["Right, so the next step was testing.", ["right"]],
  ["You're right about the trade-off.", []],
  ["Is that right?", []],
  // actually
  ["Actually, I led the migration myself.", ["actually"]],
  ["What actually happened was a deadlock.", []],
  ["It actually worked on the first try.", []],
  ["The fix was, actually, a one-line change.", ["actually"]],
  ["We um actually rewrote the parser.", ["um", "actually"]],
  // basically
  ["Basically, we rewrote the whole thing.", ["basically"]],
  ["It's basically a message queue.", []],
  ["And basically the team agreed.", ["basically"]],
  // you know
  ["It was, you know, a tough quarter.", ["you know"]],
  ["Do you know what the SLA was?", []],
  ["I'll let you know when it ships.", []],
  ["You know what, I would do it again.", []],
  ["We had to move fast, you know?", ["you know"]],
  ["you know we had no budget for that", ["you know"]],
  ["If you know the codebase, it helps.", []],
  // I mean
  ["I mean, it worked in the end.", ["I mean"]],
  ["That's not what I mean.", []],
  ["I mean the second service, not the first.", []],
  ["I mean we could have tested more.", ["I mean"]],
  ["I mean it when I say I enjoyed it.", []],
  // well
  ["Well, it depends on the load.", ["well"]],
  ["The launch went well.", []],
  ["We used Redis as well.", []],
  ["Well I think the design was sound.", ["well"]],
  ["Well designed APIs are easy to extend.", []],
  ["It scaled really well under load.", []],
  ["Oh well, we learned from it.", ["well"]],
  // non-lexical
  ["Uh, I think the, er, root cause was memory.", ["uh", "er"]],
  ["Hmm, let me think about that.", ["hmm"]],
  ["Umm we ran the erm tests nightly.", ["umm", "erm"]],
];

/** Written before the rules were run on them (lower case, no punctuation: PocketSphinx style); then fixed. */
const HELD_OUT: Labelled[] = [
  ["i like working with small teams", []],
  ["we would like to expand the platform next year", []],
  ["the code was like a maze when i joined", []],
  ["it was like super confusing at first", ["like"]],
  ["there were like fifty microservices", ["like"]],
  ["frameworks like react make this easier", []],
  ["and like nobody owned the deployment scripts", ["like"]],
  ["she looked like she needed help", []],
  ["so i started by reading the incident reports", ["so"]],
  ["the tests were flaky so we quarantined them", []],
  ["we cached it so that the page loaded faster", []],
  ["i was so focused on the deadline", []],
  ["i hope so", []],
  ["we did that for a month or so", []],
  ["you need a lock here right", ["right"]],
  ["we picked the right database for the job", []],
  ["he was right about the memory leak", []],
  ["right after the launch the pager went off", []],
  ["what actually broke was the load balancer", []],
  ["we actually shipped it a week early", []],
  ["it is basically a cron job", []],
  ["basically we had to start over", ["basically"]],
  ["do you know how the scheduler works", []],
  ["i'll let you know if it changes", []],
  ["it was you know a learning experience", ["you know"]],
  ["you know we never had a proper runbook", ["you know"]],
  ["that is what i mean by ownership", []],
  ["i mean we could have automated it", ["I mean"]],
  ["i mean the staging cluster not production", []],
  ["the migration went well overall", []],
  ["we monitored the queues as well", []],
  ["well i would start with the metrics", ["well"]],
  ["well the first thing i did was profile it", ["well"]],
  ["um i think uh the root cause was a race", ["um", "uh"]],
  ["hmm that is a good question", ["hmm"]],
  ["er we used postgres", ["er"]],
  ["it works like a circuit breaker", []],
  ["i like to write tests first", []],
  ["it took so long to get approval", []],
  ["we rolled back and so on", []],
];

/** A second held-out set, mixed styles; 32 of 34 right on first run, fixed since. */
const SECOND_HELD_OUT: Labelled[] = [
  ["Honestly, I like debugging more than writing features.", []],
  ["We were like, okay, let's just rewrite it.", []],
  ["It's like, you know, a tradeoff between speed and safety.", ["like", "you know"]],
  ["He talked like a manager, not an engineer.", []],
  ["We had like no documentation at all.", ["like"]],
  ["Companies like Stripe do this really well.", []],
  ["So, what I did first was talk to the users.", ["so"]],
  ["I wasn't sure, so I asked my lead.", []],
  ["The queue grew so fast that we ran out of disk.", []],
  ["We needed more tests, so.", ["so"]],
  ["so yeah that's basically how we fixed it", ["so"]],
  ["That would be the right call in most cases.", []],
  ["You'd want idempotent handlers, right, because retries happen.", ["right"]],
  ["Turn right at the load balancer, so to speak.", []],
  ["Actually, the bug was in the client.", ["actually"]],
  ["Nobody actually read the alerts.", []],
  ["We basically rebuilt the deploy pipeline from scratch.", []],
  ["The plan was, basically, to strangle the monolith.", ["basically"]],
  ["You know, it's hard to estimate that.", ["you know"]],
  ["Everyone you know has been paged at 3 a.m.", []],
  ["Did you know the logs were rotated hourly?", []],
  ["I mean, I could have pushed back harder.", ["I mean"]],
  ["Do you see what I mean?", []],
  ["Well, we didn't have a choice.", ["well"]],
  ["The team worked well together.", []],
  ["It was well documented, luckily.", []],
  ["Uh, the second project was a data pipeline.", ["uh"]],
  ["We, um, we had to roll back twice.", ["um"]],
  ["It was kind of like a rewrite.", []],
  ["I just like knowing how things work.", []],
  ["like when the database fell over we lost an hour", ["like"]],
  ["the cache was like totally cold", ["like"]],
  ["we need a queue right now", []],
  ["so that's the project i'm proudest of", ["so"]],
];

/** Blind: written after all tuning above and not tuned on since (25 of 26 right; one documented miss). */
const BLIND: Labelled[] = [
  ["I'd like to talk about a migration I led.", []],
  ["There was like a hundred tickets in the backlog.", ["like"]],
  ["It felt like forever, honestly.", []],
  // Known miss: "like" as the conjunction "as" before a clause ("like most teams would") is counted.
  ["We went with Kafka, like most teams would.", []],
  ["and then like the whole cluster went down", ["like"]],
  ["So the way I approached it was to measure first.", ["so"]],
  ["It wasn't so bad in the end.", []],
  ["We moved fast, so bugs slipped through.", []],
  ["I'd do it differently, I think, so.", ["so"]],
  ["The numbers looked right to me.", []],
  ["It's eventually consistent, right?", ["right"]],
  ["We fixed it right away.", []],
  ["The real problem, actually, was ownership.", ["actually"]],
  ["I actually enjoy on-call weeks.", []],
  ["basically it was a caching problem", ["basically"]],
  ["The service is basically stateless.", []],
  ["We had, you know, three weeks to deliver.", ["you know"]],
  ["You know what the hardest part was?", []],
  ["As you know, the API is public.", []],
  ["I mean, nobody likes writing docs.", ["I mean"]],
  ["I know what you mean.", []],
  ["Well, that's a fair question.", ["well"]],
  ["The new design holds up well.", []],
  ["um so we uh we tried caching first", ["um", "so", "uh"]],
  ["Mm, I'd say the second option.", ["mm"]],
  ["We sort of ran out of time.", []],
];

describe("filler words, labelled sentences", () => {
  it.each([...DEVELOPMENT, ...HELD_OUT, ...SECOND_HELD_OUT])("%s → %j", (text, want) => {
    expect(fillersIn(text)).toEqual(want);
  });

  it("gets at least 24 of the 26 blind sentences exactly right", () => {
    const { sentences, precision, recall } = accuracy(BLIND);
    expect(sentences).toBeGreaterThanOrEqual(24 / 26);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it("stays precise without punctuation, at the cost of missing comma-marked fillers", () => {
    const bare = (text: string) => text.replace(/[.,?!;:]/g, "").toLowerCase();
    const { sentences, precision, recall } = accuracy([...DEVELOPMENT, ...SECOND_HELD_OUT, ...BLIND], bare);
    expect(sentences).toBeGreaterThanOrEqual(0.85);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.75);
  });
});

describe("filler words, with pauses in place of punctuation", () => {
  it("counts a pause-bounded like, so and you know that the bare text would not", () => {
    expect(fillersIn("it was like a nightmare")).toEqual([]);
    expect(fillersTimed("it was [0.5] like [0.5] a nightmare")).toEqual([{ word: "like", at: 1.1 }]);
    expect(fillersIn("so the main problem was latency")).toEqual(["so"]);
    expect(fillersIn("and so the main problem was latency")).toEqual([]);
    expect(fillersTimed("and then [0.4] so [0.6] the main problem was latency")).toEqual([
      { word: "so", at: 1.0 },
    ]);
    expect(fillersTimed("it was [0.4] you know [0.4] a tough quarter")).toEqual([
      { word: "you know", at: 1.0 },
    ]);
  });

  it("does not count a word just because a pause follows it when its meaning is clear", () => {
    expect(fillersTimed("i would like [0.8] a bigger team")).toEqual([]);
    expect(fillersTimed("it went well [0.8] overall")).toEqual([]);
    expect(fillersTimed("we picked the right [0.5] database")).toEqual([]);
  });

  it("reports each filler's start time from the word timings", () => {
    expect(fillersTimed("Um, I led the team, you know, [2] and basically we shipped")).toEqual([
      { word: "um", at: 0 },
      { word: "you know", at: 1.5 },
      { word: "basically", at: 4.4 },
    ]);
  });
});

describe("hedges", () => {
  it.each([
    ["I guess we could have cached it.", ["I guess"]],
    ["What kind of database did you use?", []],
    ["It was kind of slow under load.", ["kind of"]],
    ["I think maybe we should have split the service.", ["I think maybe"]],
    ["I'm not sure the index helped.", ["I'm not sure"]],
    ["It will probably scale.", ["probably"]],
    ["Perhaps a queue would be better.", ["perhaps"]],
    ["I suppose that's one option.", ["I suppose"]],
    ["It sort of worked in the end.", ["sort of"]],
    ["This sort of problem is common.", []],
    ["We saw all kinds of errors.", []],
    ["Maybe, maybe not.", ["maybe", "maybe"]],
    ["I think the design was right.", []],
    ["We were not sure about the deadline.", ["not sure"]],
    ["It's kind of a mess, to be honest.", ["kind of"]],
    ["That kind of thing happens.", []],
    ["it was kinda hacky", ["kinda"]],
    ["I am not sure, I guess it depends.", ["I am not sure", "I guess"]],
  ] satisfies Labelled[])("%s → %j", (text, want) => {
    expect(hedgesIn(text)).toEqual(want);
  });

  it("does not count kind of and sort of as fillers too", () => {
    expect(fillersIn("It was kind of slow and sort of worked.")).toEqual([]);
  });
});

describe("tokenize", () => {
  it("skips recognizer markers and alternative-pronunciation suffixes", () => {
    const words: TranscriptWord[] = [
      { word: "<s>", start: 0, end: 0.1, confidence: null },
      { word: "the(2)", start: 0.1, end: 0.3, confidence: null },
      { word: "<sil>", start: 0.3, end: 0.6, confidence: null },
      { word: "[NOISE]", start: 0.6, end: 0.7, confidence: null },
      { word: "queue", start: 0.7, end: 1, confidence: null },
      { word: "</s>", start: 1, end: 1.1, confidence: null },
    ];
    const { tokens, timed, punctuated } = tokenize(transcript("the queue", words));
    expect(tokens.map((t) => [t.norm, t.start])).toEqual([
      ["the", 0.1],
      ["queue", 0.7],
    ]);
    expect(timed).toBe(true);
    expect(punctuated).toBe(false);
  });

  it("copies the text's punctuation onto unpunctuated timed words, resyncing after a disagreement", () => {
    const words = ["So", "we", "shipped", "it", "on", "friday", "and", "it", "worked"].map((word, k) => ({
      word,
      start: k * 0.3,
      end: k * 0.3 + 0.3,
      confidence: null,
    }));
    const { tokens } = tokenize(transcript("So, we shipped it on Friday. Then it worked.", words));
    expect(tokens.map((t) => t.after)).toEqual([",", "", "", "", "", ".", "", "", "."]);
    expect(tokens.filter((t) => t.sentenceStart).map((t) => t.norm)).toEqual(["so", "and"]);
  });

  it("normalises curly apostrophes and case", () => {
    expect(tokenize(transcript("I’m NOT sure")).tokens.map((t) => t.norm)).toEqual(["i'm", "not", "sure"]);
    expect(hedgesIn("I’m not sure")).toEqual(["I'm not sure"]);
  });
});
