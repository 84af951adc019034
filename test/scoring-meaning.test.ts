import { describe, expect, it } from "vitest";
import { SIGNALS } from "../src/interviews/scoring/builtin/correctness.ts";
import fitted from "../src/interviews/scoring/builtin/correctness-weights.json" with { type: "json" };
import { isNonAnswer } from "../src/interviews/scoring/builtin/non-answer.ts";
import { analyze } from "../src/interviews/scoring/builtin/text.ts";
import { scoreBuiltin } from "../src/interviews/scoring/builtin.ts";
import type { ScoringInput } from "../src/interviews/scoring/types.ts";
import { buildTable, embeddings, readTable } from "../src/lexicon/embeddings.ts";
import { isWordLike } from "../src/lexicon/spelling.ts";
import { synonyms } from "../src/lexicon/wordnet.ts";

// Meaning, not only words: the word-vector table, WordNet, the non-answer gate, and what feedback may
// claim about an answer (ADR 0015).

describe("word vectors", () => {
  it("round-trips a table: unit vectors as bytes, cosine within 0.01", () => {
    const table = readTable(
      buildTable({
        dimensions: 3,
        words: ["alpha", "beta", "gamma"],
        vectors: { alpha: [1, 0, 0], beta: [2, 0.1, 0], gamma: [0, 0, 5] },
      }),
    );
    const [a, b, c] = ["alpha", "beta", "gamma"].map((w) => table.indexOf(w) as number);
    expect(table.size).toBe(3);
    expect(table.indexOf("delta")).toBeUndefined();
    expect(table.similarity(a as number, a as number)).toBeCloseTo(1, 2);
    expect(table.similarity(a as number, b as number)).toBeGreaterThan(0.98);
    expect(Math.abs(table.similarity(a as number, c as number))).toBeLessThan(0.01);
  });

  it("puts related words of the real table closer than unrelated ones", () => {
    const e = embeddings();
    const sim = (x: string, y: string) => e.similarity(e.indexOf(x) as number, e.indexOf(y) as number);
    expect(e.size).toBeGreaterThan(300_000);
    expect(sim("function", "method")).toBeGreaterThan(sim("function", "banana") + 0.2);
    expect(sim("memory", "storage")).toBeGreaterThan(sim("memory", "holiday"));
  });
});

describe("WordNet and spelling", () => {
  it("gives synonyms of the common senses, by part of speech", () => {
    expect(synonyms("program", "noun").has("programme")).toBe(true);
    expect(synonyms("distribute", "verb").has("lot")).toBe(true);
    expect(synonyms("lot", "noun").has("distribute")).toBe(false);
    expect(synonyms("qzxvb").size).toBe(0);
  });

  it("takes typing slips for words and keyboard mash for nothing", () => {
    const e = embeddings();
    for (const w of ["through", "throught", "programm", "refrence"])
      expect(isWordLike(w, e, 30_000), w).toBe(true);
    for (const w of ["qzxvbk", "sdfjkw"]) expect(isWordLike(w, e, 30_000), w).toBe(false);
  });
});

describe("non-answers", () => {
  const q = "What is the role of a header file?";
  it("knows refusals and a bare no to an open question", () => {
    for (const a of ["not answered", "NO ANSWER", "I don't know.", "n/a", "Um, uh.", "No", ""])
      expect(isNonAnswer(analyze(a), q), a).toBe(true);
  });
  it("keeps short answers with content, and a no to a yes/no question", () => {
    for (const a of ["main function", "as many as you want", "I don't know the exact figure, but about ten"])
      expect(isNonAnswer(analyze(a), q), a).toBe(false);
    expect(isNonAnswer(analyze("No"), "Is a header file compiled on its own?")).toBe(false);
  });
});

describe("correctness", () => {
  const base: ScoringInput = {
    question: "Where do C plus plus programs begin to execute?",
    questionType: "technical",
    sampleAnswer: "At the main function.",
    answer: "",
  };
  const tech = (answer: string, input = base) => scoreBuiltin({ ...input, answer }).technical_accuracy;

  it("ships one weight per signal, fitted with its cross-validated r recorded", () => {
    expect(Object.keys(fitted.weights).sort()).toEqual([...SIGNALS].sort());
    expect(fitted.cross_validated_r).toBeGreaterThan(fitted.word_overlap_r);
  });

  it("scores a short correct answer as correct, and a short wrong one lower", () => {
    expect(tech("main function")).toBeGreaterThanOrEqual(7);
    expect(tech("in the testing phase")).toBeLessThan(tech("main function") - 2);
    expect(tech("not answered")).toBe(0);
    const constructors = {
      ...base,
      question: "How many constructors can be created for a class?",
      sampleAnswer: "Unlimited number.",
    };
    expect(tech("as many as you want", constructors)).toBeGreaterThan(0);
  });

  it("credits a paraphrase and a misspelling of the reference", () => {
    const variable = {
      ...base,
      question: "What is a variable?",
      sampleAnswer: "A location in memory that can store a value.",
    };
    const paraphrase = tech("A named place in the computer's storage that holds data.", variable);
    const unrelated = tech("A loop that repeats until its condition is false.", variable);
    expect(paraphrase).toBeGreaterThan(unrelated + 0.5);
    expect(tech("a locaton in memmory that stores a value", variable)).toBeGreaterThan(unrelated + 0.5);
  });

  it("gives the same output for the same input", () => {
    const input = { ...base, answer: "Execution starts in main()." };
    expect(scoreBuiltin(input)).toEqual(scoreBuiltin(input));
  });
});

describe("feedback claims that hold", () => {
  const input: ScoringInput = {
    question: "Which programming language and stack do you prefer for backend work, and why?",
    questionType: "technical",
    expectedKeywords: ["performance", "trade-offs", "ecosystem"],
    sampleAnswer:
      "I prefer Go for most services because it is fast and simple to deploy, but the choice depends on the team and the workload. For data work Python's libraries win, so I weigh performance against developer speed.",
    evaluationCriteria: { key_points: ["justified preference", "context matters", "breadth of experience"] },
    answer: "",
  };
  const paraphrase =
    "I prefer Go with PostgreSQL for most backend services. At Ledgerly I built our payments API in Go because its static typing, fast compile times and goroutines made it easy to handle about 2,400 requests per second. For data pipelines I still reach for Python and Django, because the libraries save weeks. So my choice depends on the workload: Go for latency-sensitive APIs, Python where developer speed and libraries matter more.";

  it("never calls missing what a sentence of the answer says, and quotes what it credits", () => {
    const r = scoreBuiltin({ ...input, answer: paraphrase });
    expect(r.missing_keywords).not.toContain("performance");
    const points = (
      r.raw.signals as {
        coverage: { key_points: { point: string; verdict: string; quote: string | null }[] };
      }
    ).coverage.key_points;
    const context = points.find((p) => p.point === "context matters");
    expect(context?.verdict).not.toBe("missing");
    for (const p of points.filter((p) => p.verdict === "covered")) {
      expect(p.quote).toBeTruthy();
      expect(paraphrase).toContain(p.quote as string);
    }
    expect(r.ai_feedback).not.toMatch(/does not mention (?:[^.]*)context matters/);
  });

  it("does not credit the sample's words in an answer that says something else with them", () => {
    const wrong =
      "I never prefer Go; deploy services with whatever the team has, the workload does not matter and neither does developer speed.";
    const good = scoreBuiltin({ ...input, answer: paraphrase });
    const bad = scoreBuiltin({ ...input, answer: wrong });
    expect(bad.response_score).toBeLessThan(good.response_score);
  });
});

describe("a question that offers a choice", () => {
  const input: ScoringInput = {
    question:
      "Using an index outside the bounds of an array generates an error. Is this a compilation error or a run-time error?",
    questionType: "technical",
    sampleAnswer: "Run-time error.",
    answer: "",
  };
  it("scores the rejected alternative low and says which one was expected", () => {
    const wrong = scoreBuiltin({ ...input, answer: "It is a compilation error." });
    const right = scoreBuiltin({ ...input, answer: "It is a run-time error." });
    expect(right.technical_accuracy).toBeGreaterThan(wrong.technical_accuracy + 3);
    expect(wrong.ai_feedback).toMatch(/picks compilation, but the expected answer is run time/);
    expect(right.ai_feedback).not.toMatch(/picks/);
  });
  it("does not read a question asking for two notations as a choice", () => {
    const both = scoreBuiltin({
      question: "How can an array be addressed in pointer or offset notation?",
      questionType: "technical",
      sampleAnswer: "By a pointer to its first element, incremented by the index.",
      answer: "With offset notation: the pointer plus the offset of the element.",
    });
    expect(
      (both.raw.signals as { correctness: { signals: Record<string, number> } }).correctness.signals
        .contradicts_choice,
    ).toBe(0);
  });
});
