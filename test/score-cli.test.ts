import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { BIN, type CliResult, cliEnv } from "./helpers/cli.ts";

// `rehearse score`: JSON lines in, one JSON line out per input line; no database needed.

function score(input: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, ["score"], { env: cliEnv({}), stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error("rehearse score did not finish in 60 s"));
    }, 60_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

const question = {
  question: "How would you design an endpoint so that retries from clients do not create duplicate payments?",
  question_type: "technical",
  difficulty_level: "medium",
  expected_answer_keywords: ["idempotency key", "unique constraint", "retries"],
  sample_answer:
    "I would require an idempotency key on the request and store it with a unique constraint, so a retry finds the stored response instead of charging again.",
  evaluation_criteria: { key_points: ["Idempotency key", "Unique constraint", "Replay the stored response"] },
  time_limit_seconds: 120,
};

const good = {
  id: "good",
  ...question,
  answer:
    "I'd make the client send an idempotency key with every payment request. The server stores the key with a unique constraint in the same transaction as the payment, so when a retry arrives it finds the key and returns the stored response instead of charging twice. At my last job this removed about 30 duplicate charges a month.",
};
const empty = { id: 2, ...question, answer: "" };

describe("rehearse score", () => {
  it("writes one result line per input line and exits 0", async () => {
    const result = await score(`${JSON.stringify(good)}\n\n${JSON.stringify(empty)}\n`);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    const [first, second] = lines;
    expect(first.id).toBe("good");
    expect(first.response_score).toBeGreaterThan(5);
    expect(first.keywords_mentioned).toContain("idempotency key");
    expect(Object.keys(first).sort()).toEqual(
      [
        "id",
        "response_score",
        "technical_accuracy",
        "communication_clarity",
        "relevance_score",
        "ai_feedback",
        "keywords_mentioned",
        "missing_keywords",
        "suggested_improvement",
        "ideal_answer_comparison",
        "confidence_level",
        "gemini_analysis_raw",
      ].sort(),
    );
    expect(first.gemini_analysis_raw.version).toMatch(/^builtin-scorer\//);
    expect(second).toMatchObject({ id: 2, response_score: 0 });
  });

  it("reports invalid lines in place, goes on, and exits 1", async () => {
    const bad = { id: "bad", question: "Why?", question_type: "riddle", answer: "Because." };
    const input = [
      JSON.stringify(good),
      "{not json",
      JSON.stringify(bad),
      JSON.stringify({ ...good, id: "again" }),
    ];
    const result = await score(`${input.join("\n")}\n`);
    expect(result.code).toBe(1);
    const lines = result.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0].id).toBe("good");
    expect(lines[1]).toEqual({
      error: { code: "invalid_input", message: expect.stringContaining("line 2") },
    });
    expect(lines[2]).toMatchObject({ id: "bad", error: { code: "invalid_input" } });
    expect(lines[2].error.message).toContain("question_type");
    expect(lines[3].id).toBe("again");
    expect(lines[3].response_score).toBe(lines[0].response_score);
  });
});
