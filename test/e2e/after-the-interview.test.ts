import { readFile } from "node:fs/promises";
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
  signInThroughUi,
  textOf,
} from "./helpers/browser.ts";
import { type Account, account, completedInterview, interview } from "./helpers/seed.ts";

// What a candidate does around interviews: answers a question again from the report and compares the two
// attempts, downloads the report as a PDF, filters the history, works the room from the keyboard, and sets a profile picture.

const PICTURE = path.resolve(import.meta.dirname, "../fixtures/files/picture.png");

const db = useTestDatabase();
let server: TestServer;
let browser: Browser;
let person: Account;
const ids = { completed: "", scheduled: "" };

beforeAll(async () => {
  server = await startTestServer(db.pool);
  browser = await launchBrowser({ audio: false });
  person = await account(server, db.pool, newPerson("after"));
  ids.completed = await completedInterview(server, person.token, { questions: 2 });
  ids.scheduled = await interview(server, person.token, { questions: 2 });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("after the interview", () => {
  it("answers a question again from the report and shows both attempts", async () => {
    const { page, problems, context } = await openPage(browser, server.url);
    await signInThroughUi(page, person.email, person.password, `/interviews/${ids.completed}/report`);
    await page.getByTestId("reanswer-button").first().click();
    await page
      .getByTestId("reanswer-text")
      .fill(
        "In my last role I owned the checkout service. Our p95 latency was 900 ms, so I profiled it, added a Redis cache for the pricing lookups and moved the emails to a queue. Latency fell to 250 ms and conversion rose by 3%. I learned to measure first and to change one thing at a time.",
      );
    await page.getByRole("button", { name: "Score my new answer" }).click();
    const table = page.getByTestId("attempts-table").first();
    await table.waitFor();
    expect(await table.locator("tbody tr").count()).toBe(2);
    const { rows } = await db.pool.query(
      "select attempt, first_attempt_id is not null as linked from public.interview_responses where interview_session_id = $1 and question_order = 1 order by attempt",
      [ids.completed],
    );
    expect(rows).toEqual([
      { attempt: 1, linked: false },
      { attempt: 2, linked: true },
    ]);

    // The report downloads as a real PDF.
    const [file] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("download-pdf").click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/^rehearse-.+-report\.pdf$/);
    const bytes = await readFile((await file.path()) ?? "");
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(bytes.length).toBeGreaterThan(2000);
    assertNoPageProblems(problems);
    await context.close();
  }, 60_000);

  it("processes a failed answer again from the report, without answering it again", async () => {
    // Another candidate, so the history of the others stays as they expect.
    const someone = await account(server, db.pool, newPerson("reprocess"));
    const failedInterview = await completedInterview(server, someone.token, { questions: 2 });
    // Scoring of the second answer failed on our side; its text is kept.
    await db.pool.query(
      `update public.interview_responses set scoring_status = 'failed', response_score = null,
         ai_feedback = 'Scoring this answer stopped on an error on our side. Your answer is kept.'
       where interview_session_id = $1 and question_order = 2`,
      [failedInterview],
    );
    const { page, problems, context } = await openPage(browser, server.url);
    await signInThroughUi(page, someone.email, someone.password, `/interviews/${failedInterview}/report`);
    await page.getByText("Your answer is kept.").waitFor();
    await page.getByTestId("process-again-button").click();
    await expect.poll(() => page.getByTestId("process-again-button").count(), { timeout: 20_000 }).toBe(0);
    const { rows } = await db.pool.query(
      "select scoring_status, response_score from public.interview_responses where interview_session_id = $1 and question_order = 2",
      [failedInterview],
    );
    expect(rows[0].scoring_status).toBe("scored");
    expect(Number(rows[0].response_score)).toBeGreaterThanOrEqual(0);
    // Every score says who made it.
    await expect
      .poll(() => page.getByTestId("scored-by").allTextContents(), { timeout: 20_000 })
      .toContain("Scored by the built-in scorer (builtin-scorer/2).");
    assertNoPageProblems(problems);
    await context.close();
  }, 60_000);

  it("filters the history by status", async () => {
    const { page, problems, context } = await openPage(browser, server.url);
    await signInThroughUi(page, person.email, person.password, "/history");
    const table = page.getByTestId("history-table");
    await table.waitFor();
    expect(await table.locator("tbody tr").count()).toBe(2);
    await choose(page, "Status", "Completed");
    await expect.poll(() => table.locator("tbody tr").count()).toBe(1);
    expect(await textOf(page, "history-table")).toMatch(/completed/i);
    assertNoPageProblems(problems);
    await context.close();
  }, 60_000);

  it("works the interview room from the keyboard: T types an answer, which is scored", async () => {
    const { page, problems, context } = await openPage(browser, server.url);
    await signInThroughUi(page, person.email, person.password, `/interviews/${ids.scheduled}/room`);
    await page.getByTestId("start-interview").click();
    await page.getByTestId("question-text").waitFor();
    await page.locator("body").press("t");
    const typed = page.getByTestId("typed-answer");
    await typed.waitFor();
    await expect.poll(() => typed.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await typed.fill(
      "I would start by asking what success looks like, agree on two or three priorities with my lead, and ship a small improvement in the first week so the team sees progress.",
    );
    await page.getByTestId("submit-typed-answer").click();
    await page.getByTestId("score-card-answer").waitFor();
    expect(firstNumber(await textOf(page, "score-card-answer"))).toBeGreaterThanOrEqual(0);
    assertNoPageProblems(problems);
    await context.close();
  }, 60_000);

  it("sets a profile picture, cropped to a square", async () => {
    const { page, problems, context } = await openPage(browser, server.url);
    await signInThroughUi(page, person.email, person.password, "/profile");
    const [chooser] = await Promise.all([
      page.waitForEvent("filechooser"),
      page.getByTestId("avatar-choose").click(),
    ]);
    await chooser.setFiles(PICTURE);
    await page.getByTestId("avatar-save").click();
    await page.getByText("Your picture was updated.").waitFor();
    const { rows } = await db.pool.query(
      "select profile_picture_url from public.user_profiles where id = $1",
      [person.id],
    );
    expect(rows[0].profile_picture_url).toMatch(/profile-pictures/);
    assertNoPageProblems(problems);
    await context.close();
  }, 60_000);
});
