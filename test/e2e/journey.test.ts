import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/database.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import {
  assertNoPageProblems,
  choose,
  firstNumber,
  launchBrowser,
  newPerson,
  openPage,
  seen,
  signUpThroughUi,
  textOf,
} from "./helpers/browser.ts";

// The whole journey of a new user in a real browser, answering by voice through a fake microphone that
// plays real read-English recordings: sign-up → onboarding → resume and its analysis → an interview of three
// spoken answers with live captions → the report with transcripts, scores and playable recordings →
// the dashboard's charts.

const RESUME = path.resolve(import.meta.dirname, "../fixtures/resumes/01-jordan-lee.pdf");
const PLACEHOLDER = /^(Listening…|Your words appear)/;

const db = useTestDatabase();
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer(db.pool, {}, { runJobs: true });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("a new user's journey", () => {
  it("signs up, analyzes a resume, answers three questions by voice and sees the report and charts", async () => {
    const { page, problems, context } = await openPage(browser, server.url);
    const person = newPerson("journey");

    // Sign-up and onboarding.
    await signUpThroughUi(page, person);
    await choose(page, "Experience level", "Mid level (2–5 years)");
    await choose(page, "Roles you're preparing for", "Full Stack Developer");
    await page.keyboard.press("Escape");
    await page.getByLabel("Current position").fill("Software Engineer");
    await page.getByTestId("profile-save").click();
    await page.waitForURL("**/dashboard");
    await page.getByTestId("empty-state").waitFor();
    const profile = await db.pool.query(
      "select experience_level, current_position, cardinality(preferred_job_roles) as roles from public.user_profiles where email = $1",
      [person.email],
    );
    expect(profile.rows[0]).toMatchObject({
      experience_level: "mid",
      current_position: "Software Engineer",
      roles: 1,
    });

    // A resume, uploaded through the drop zone, and its analysis.
    await page.getByRole("link", { name: "Resumes", exact: true }).click();
    await page.waitForURL("**/resumes");
    await page.getByTestId("resume-dropzone").locator("input[type=file]").setInputFiles(RESUME);
    const card = page.getByTestId("resume-card").filter({ hasText: "01-jordan-lee.pdf" });
    await card.getByText("Analyzed", { exact: true }).waitFor({ timeout: 60_000 });
    await card.getByRole("link", { name: "Open analysis" }).click();
    const overall = page.getByTestId("score-card-resume-overall");
    await overall.waitFor();
    const resumeScore = firstNumber(await seen(overall.getByText(/Overall score/)));
    expect(resumeScore).toBeGreaterThan(0);
    expect(resumeScore).toBeLessThanOrEqual(10);
    await page.getByTestId("chart-resume-sections").locator("svg.recharts-surface").first().waitFor();
    await expect(seen(page.getByRole("heading", { name: /Skills found \(\d+\)/ }))).resolves.not.toMatch(
      /\(0\)/,
    );

    // A three-question interview, the active resume chosen by default.
    await page.getByRole("link", { name: "New interview", exact: true }).click();
    await page.waitForURL("**/interviews/new");
    await expect(page.getByTestId("new-interview-role").inputValue()).resolves.toBe("Full Stack Developer");
    await expect(page.getByTestId("new-interview-resume").inputValue()).resolves.toMatch(
      /01-jordan-lee\.pdf/,
    );
    await page.getByTestId("new-interview-count").fill("3");
    await page.getByTestId("new-interview-submit").click();
    await page.waitForURL("**/room");
    const sessionId = /interviews\/([^/]+)\/room/.exec(page.url())?.[1] ?? "";
    await page.getByTestId("start-interview").click();

    const captionsSeen: string[] = [];
    for (let i = 1; i <= 3; i++) {
      await page.getByTestId("question-text").waitFor();
      await expect(textOf(page, "question-text")).resolves.not.toBe("");
      await page.getByTestId("record-button").click();
      await page.getByTestId("done-button").waitFor();
      // Speak for a while; a partial caption arrives after the first pause the server's segmenter hears.
      const captions = page.getByTestId("captions");
      let caption = "";
      const until = Date.now() + 9_000;
      while (Date.now() < until) {
        caption = await seen(captions);
        if (caption && !PLACEHOLDER.test(caption) && Date.now() > until - 3_000) break;
        await page.waitForTimeout(250);
      }
      captionsSeen.push(PLACEHOLDER.test(caption) ? "" : caption);
      await page.getByTestId("done-button").click();
      const result = page.getByTestId("answer-result");
      await result.waitFor({ timeout: 90_000 });
      const answerScore = firstNumber(await textOf(page, "score-card-answer"));
      expect(answerScore, `answer ${i}`).toBeGreaterThanOrEqual(0);
      expect(answerScore, `answer ${i}`).toBeLessThanOrEqual(10);
      await page.getByTestId("next-question").click();
    }
    // Live captions reached the screen while speaking (partials, before "I'm done"), at least for one answer
    // (each is cut at the first pause the server's segmenter hears, so a short answer may have none).
    const partials = captionsSeen.filter((c) => /[a-z]{2,}/i.test(c));
    expect(partials.length, JSON.stringify(captionsSeen)).toBeGreaterThan(0);

    // The last question was answered: finish and read the report.
    await page.getByTestId("finish-button").click();
    await page.waitForURL(`**/interviews/${sessionId}/report`);
    for (const dimension of ["overall", "technical", "communication", "confidence"]) {
      const value = firstNumber(await textOf(page, `score-card-${dimension}`));
      expect(value, dimension).toBeGreaterThanOrEqual(0);
      expect(value, dimension).toBeLessThanOrEqual(10);
    }
    const answers = page.getByTestId("report-answer");
    await expect(answers.count()).resolves.toBe(3);
    const transcripts = await page.getByTestId("transcript").allTextContents();
    expect(transcripts).toHaveLength(3);
    for (const transcript of transcripts) expect(transcript.split(/\s+/).length).toBeGreaterThan(3);
    // What the captions showed live is how the final transcript of that answer begins.
    for (const [i, caption] of captionsSeen.entries()) {
      if (!caption) continue;
      const firstWords = caption.split(/\s+/).slice(0, 3).join(" ");
      expect(transcripts[i], `answer ${i + 1}`).toContain(firstWords);
    }

    // Every recording plays: its signed URL loads and the browser reads a real duration.
    const players = page.getByTestId("answer-audio");
    await players.nth(2).waitFor();
    await expect(players.count()).resolves.toBe(3);
    const stored = await db.pool.query(
      "select question_order, response_duration_seconds from public.interview_responses where interview_session_id = $1 order by question_order",
      [sessionId],
    );
    for (let i = 0; i < 3; i++) {
      const media = await players.nth(i).evaluate(
        (element: {
          readyState: number;
          duration: number;
          src: string;
          load(): void;
          addEventListener(type: string, cb: () => void): void;
        }) =>
          new Promise<{ readyState: number; duration: number; src: string }>((resolve) => {
            const done = () =>
              resolve({ readyState: element.readyState, duration: element.duration, src: element.src });
            if (element.readyState >= 1) return done();
            element.addEventListener("loadedmetadata", done);
            element.addEventListener("error", done);
            setTimeout(done, 10_000);
          }),
      );
      expect(media.src).toMatch(/\/storage\/v1\/object\/sign\/interview-audio\//);
      expect(media.readyState, `recording ${i + 1}`).toBeGreaterThanOrEqual(1);
      expect(media.duration, `recording ${i + 1}`).toBeGreaterThan(3);
      const seconds = Number(stored.rows[i]?.response_duration_seconds);
      expect(Math.abs(media.duration - seconds), `recording ${i + 1} vs stored duration`).toBeLessThan(1.5);
    }

    // The dashboard counts the session and charts it.
    await page.getByRole("link", { name: "Dashboard", exact: true }).click();
    await page.waitForURL("**/dashboard");
    await expect(textOf(page, "stat-completed")).resolves.toMatch(/Interviews completed\s*1$/);
    await page.getByTestId("latest-report").waitFor();
    for (const chart of ["chart-score-trend", "chart-weekly"]) {
      await page.getByTestId(chart).locator("svg.recharts-surface").first().waitFor();
    }
    // The charts' accessible tables hold the session: one trend row, and one interview in this week's bar.
    const trendRows = page.getByTestId("chart-score-trend").locator("tbody tr");
    await expect(trendRows.count()).resolves.toBe(1);
    const weekly = await page
      .getByTestId("chart-weekly")
      .locator("tbody tr td:nth-child(2)")
      .allTextContents();
    expect(weekly.map(Number).reduce((a, b) => a + b, 0)).toBe(1);

    assertNoPageProblems(problems);
    await context.close();
  }, 300_000);
});
