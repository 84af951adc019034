import { describe, expect, it } from "vitest";
import { scoreSpoken } from "../src/interviews/scoring/spoken.ts";
import type { ScoringInput } from "../src/interviews/scoring/types.ts";
import { hardToUnderstand, possiblySaid } from "../src/speech/recognition-doubt.ts";
import type { SpeechMetrics, Transcript, TranscriptWord } from "../src/speech/types.ts";
import { useTestDatabase } from "./helpers/database.ts";

// Recognition errors are not blamed on the candidate: unsure words that look like a missing key term count
// as "possibly said", and a hard-to-understand recording is called out.

const db = useTestDatabase();

function transcript(spoken: [string, number][]): Transcript {
  const words: TranscriptWord[] = spoken.map(([word, confidence], i) => ({
    word,
    start: i * 0.4,
    end: i * 0.4 + 0.35,
    confidence,
  }));
  return {
    text: spoken.map(([w]) => w).join(" "),
    words,
    duration: spoken.length * 0.4,
    language: "en",
    provider: "pocketsphinx",
    processing_ms: 10,
  };
}

const metrics: SpeechMetrics = {
  speech_pace: 140,
  filler_words_count: 1,
  confidence_level: 7.5,
  details: { pace: 140 },
};

const sure = (text: string): [string, number][] => text.split(" ").map((w) => [w, 0.95]);

describe("possibly said", () => {
  it("finds a missing term in unsure words that look like it, one or several words long", () => {
    const heard = transcript([
      ...sure("we deployed it on"),
      ["cuber", 0.3],
      ["netties", 0.35],
      ...sure("with helm charts"),
    ]);
    expect(possiblySaid(["Kubernetes"], heard.words)).toEqual([
      expect.objectContaining({ keyword: "Kubernetes", heard: "cuber netties" }),
    ]);
    expect(
      possiblySaid(
        ["load balancer"],
        transcript([...sure("behind a"), ["lode", 0.4], ["balance", 0.5]]).words,
      ),
    ).toEqual([expect.objectContaining({ keyword: "load balancer" })]);
  });

  it("does not excuse a term when the recognizer was sure, or the words are unlike it", () => {
    expect(possiblySaid(["Kubernetes"], transcript(sure("we deployed it on cuber netties")).words)).toEqual(
      [],
    );
    expect(
      possiblySaid(["Kubernetes"], transcript([...sure("we deployed it on"), ["banana", 0.2]]).words),
    ).toEqual([]);
  });

  it("calls a recording hard to understand when many words are unsure", () => {
    expect(hardToUnderstand(transcript(sure("a clear and confident answer"))).hard).toBe(false);
    const muddy = transcript([
      ["a", 0.4],
      ["muddy", 0.3],
      ["answer", 0.5],
      ["here", 0.9],
    ]);
    expect(hardToUnderstand(muddy)).toMatchObject({ hard: true });
  });
});

describe("scoring a spoken answer", () => {
  const input: ScoringInput = {
    question: "How would you deploy a containerized web service so it scales?",
    questionType: "technical",
    difficultyLevel: "medium",
    expectedKeywords: ["Kubernetes", "autoscaling", "health checks"],
    sampleAnswer:
      "I would package it as a container and run it on Kubernetes with a horizontal pod autoscaler, readiness and liveness health checks, and rolling deployments.",
    timeLimitSeconds: 120,
    answer: "",
  };

  it("credits a possibly-said key term, says so, and takes confidence from the delivery", async () => {
    const heard = transcript([
      ...sure("i would package the service as a container and run it on"),
      ["cuber", 0.3],
      ["netties", 0.3],
      ...sure("with autoscaling on cpu and health checks so bad pods are replaced during rolling deploys"),
    ]);
    const result = await scoreSpoken(
      { pool: db.pool, model: undefined, timeoutMs: 1000 },
      { ...input, answer: heard.text },
      { transcript: heard, metrics },
      null,
    );
    expect(result.missing_keywords).not.toContain("Kubernetes");
    expect(result.keywords_mentioned).not.toContain("Kubernetes");
    expect(result.raw.possibly_said).toEqual([expect.objectContaining({ keyword: "Kubernetes" })]);
    expect(result.ai_feedback).toMatch(/possibly said/);
    expect(result.confidence_level).toBe(7.5);

    // The same words heard with certainty: Kubernetes is not said (in an answer this good it is "unclear"
    // rather than called missing), nothing is possibly said, and the score is lower.
    const certain = transcript(sure(heard.text));
    const plain = await scoreSpoken(
      { pool: db.pool, model: undefined, timeoutMs: 1000 },
      { ...input, answer: certain.text },
      { transcript: certain, metrics },
      null,
    );
    expect(plain.keywords_mentioned).not.toContain("Kubernetes");
    expect(plain.raw.possibly_said).toEqual([]);
    expect(plain.response_score).toBeLessThan(result.response_score);
    // Possibly said is never stated as covered.
    expect(result.ai_feedback).not.toMatch(/covered[^.]*Kubernetes/);
  });

  it("credits nothing as possibly said in an answer that is not about the question", async () => {
    // A passage of a novel, read clearly, with two unsure words that sound like a key term.
    const novel = transcript([
      ...sure("it was the best of times it was the worst of times it was the age of wisdom and the"),
      ["cuber", 0.3],
      ["netties", 0.3],
      ...sure("of foolishness it was the epoch of belief and the season of light in the old town by the sea"),
    ]);
    const result = await scoreSpoken(
      { pool: db.pool, model: undefined, timeoutMs: 1000 },
      { ...input, answer: novel.text },
      { transcript: novel, metrics },
      null,
    );
    expect(result.raw.possibly_said).toEqual([]);
    expect(result.ai_feedback).not.toMatch(/possibly said|you covered/i);
    expect(result.response_score).toBeLessThanOrEqual(2);
    expect(result.technical_accuracy).toBeLessThanOrEqual(2);
  });
});
