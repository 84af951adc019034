import { stat } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setAdmin } from "../../src/accounts/admin.ts";
import { createLogger } from "../../src/logger.ts";
import { useTestDatabase } from "../helpers/database.ts";
import { roleId } from "../helpers/interviews.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import {
  type AxeViolation,
  assertNoPageProblems,
  axeViolations,
  DESKTOP,
  describeViolations,
  launchBrowser,
  newPerson,
  openPage,
  PHONE,
  screenshot,
  signInThroughUi,
} from "./helpers/browser.ts";
import {
  type Account,
  account,
  analyzedResume,
  answered,
  completedInterview,
  interview,
} from "./helpers/seed.ts";

// Every main screen at phone (390×844) and desktop (1366×900) width: a full-page screenshot under
// test-results/screenshots/, and an axe-core scan that may find no serious or critical violation.

const RESUME = path.resolve(import.meta.dirname, "../fixtures/resumes/01-jordan-lee.pdf");

const db = useTestDatabase();
let server: TestServer;
let browser: Browser;
let admin: Account;
const ids = { resume: "", completed: "", scheduled: "", running: "", role: "" };

beforeAll(async () => {
  server = await startTestServer(db.pool, {}, { runJobs: true });
  browser = await launchBrowser({ audio: false });
  // One admin with a filled-in history: an analyzed resume, a completed interview, one scheduled and one
  // running, so that each screen shows real content.
  admin = await account(server, db.pool, newPerson("screens"));
  await setAdmin(db.url, createLogger({ logLevel: "silent" }), admin.email, true);
  ids.resume = await analyzedResume(server, admin.token, RESUME);
  ids.completed = await completedInterview(server, admin.token, { questions: 3, resumeId: ids.resume });
  ids.scheduled = await interview(server, admin.token, { questions: 3 });
  ids.running = await interview(server, admin.token, { questions: 3 });
  await answered(server, admin.token, ids.running, 1);
  ids.role = await roleId(server.app, "Full Stack Developer");
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Screen {
  name: string;
  path: () => string;
  /** What shows once the screen is usable. */
  ready: (page: Page) => Promise<unknown>;
}

const visible = (page: Page, testId: string) => page.getByTestId(testId).first().waitFor();
const chart = (page: Page, testId: string) =>
  page.getByTestId(testId).locator("svg.recharts-surface").first().waitFor();

const PUBLIC: Screen[] = [
  { name: "sign-in", path: () => "/sign-in", ready: (p) => visible(p, "sign-in-submit") },
  { name: "sign-up", path: () => "/sign-up", ready: (p) => visible(p, "sign-up-submit") },
  {
    name: "forgot-password",
    path: () => "/forgot-password",
    ready: (p) => p.getByRole("button", { name: "Send reset e-mail" }).waitFor(),
  },
  {
    name: "reset-password",
    path: () => "/reset-password",
    ready: (p) => p.getByRole("button", { name: "Continue" }).waitFor(),
  },
];

const SIGNED_IN: Screen[] = [
  {
    name: "onboarding",
    path: () => "/onboarding",
    ready: (p) => visible(p, "profile-save"),
  },
  {
    name: "dashboard",
    path: () => "/dashboard",
    ready: async (p) => {
      await visible(p, "stat-completed");
      await chart(p, "chart-score-trend");
      await chart(p, "chart-weekly");
    },
  },
  { name: "profile", path: () => "/profile", ready: (p) => visible(p, "profile-save") },
  { name: "resumes", path: () => "/resumes", ready: (p) => visible(p, "resume-card") },
  {
    name: "resume-analysis",
    path: () => `/resumes/${ids.resume}`,
    ready: async (p) => {
      await visible(p, "score-card-resume-overall");
      await chart(p, "chart-resume-sections");
    },
  },
  { name: "roles", path: () => "/roles", ready: (p) => visible(p, "role-card") },
  {
    name: "role-detail",
    path: () => `/roles/${ids.role}`,
    ready: (p) => p.getByText(/^\d+ questions?$/).waitFor(),
  },
  { name: "new-interview", path: () => "/interviews/new", ready: (p) => visible(p, "new-interview-submit") },
  {
    name: "interview-lobby",
    path: () => `/interviews/${ids.scheduled}/room`,
    ready: (p) => visible(p, "start-interview"),
  },
  {
    name: "interview-room",
    path: () => `/interviews/${ids.running}/room`,
    ready: async (p) => {
      await visible(p, "question-text");
      await visible(p, "record-button");
    },
  },
  {
    name: "report",
    path: () => `/interviews/${ids.completed}/report`,
    ready: async (p) => {
      await visible(p, "score-card-overall");
      await visible(p, "report-answer");
      await visible(p, "benchmark");
    },
  },
  { name: "history", path: () => "/history", ready: (p) => visible(p, "history-table") },
  {
    name: "admin-settings",
    path: () => "/admin/settings",
    ready: (p) => visible(p, "setting-plan_limits"),
  },
  {
    name: "admin-catalog",
    path: () => "/admin/catalog",
    ready: (p) => p.getByRole("button", { name: "Questions of Full Stack Developer" }).waitFor(),
  },
  { name: "admin-ai-logs", path: () => "/admin/ai-logs", ready: (p) => visible(p, "ai-log-table") },
  { name: "admin-users", path: () => "/admin/users", ready: (p) => visible(p, "admin-users-table") },
  {
    name: "not-found",
    path: () => "/no-such-screen",
    ready: (p) => p.getByRole("heading", { name: "Page not found" }).waitFor(),
  },
];

const VIEWPORTS = [
  { label: "phone", size: PHONE },
  { label: "desktop", size: DESKTOP },
];

/** Visits each screen: waits until it is usable, takes its picture and scans it. */
async function visit(page: Page, screens: Screen[], label: string, found: string[]) {
  for (const screen of screens) {
    await page.goto(screen.path());
    await screen.ready(page);
    // Skeletons and loaders gone: the screen is as a person sees it.
    await page
      .locator(".mantine-Skeleton-root, [aria-label='Loading chart']")
      .first()
      .waitFor({ state: "detached" });
    const file = await screenshot(page, `${screen.name}-${label}`);
    expect((await stat(file)).size, file).toBeGreaterThan(5_000);
    const violations: AxeViolation[] = await axeViolations(page);
    if (violations.length > 0) found.push(describeViolations(`${screen.name} (${label})`, violations));
  }
}

describe("every main screen", () => {
  for (const viewport of VIEWPORTS) {
    it(`is pictured and has no serious accessibility violation at ${viewport.label} width`, async () => {
      const found: string[] = [];
      // Inline scripts are forbidden by the app's content security policy; axe is injected as one.
      const options = { viewport: viewport.size, bypassCSP: true };

      const signedOut = await openPage(browser, server.url, options);
      await visit(signedOut.page, PUBLIC, viewport.label, found);
      assertNoPageProblems(signedOut.problems);
      await signedOut.context.close();

      const signedIn = await openPage(browser, server.url, options);
      await signInThroughUi(signedIn.page, admin.email, admin.password);
      await visit(signedIn.page, SIGNED_IN, viewport.label, found);
      assertNoPageProblems(signedIn.problems);
      await signedIn.context.close();

      expect(found, found.join("\n")).toEqual([]);
    }, 150_000);
  }

  it("keeps its contrast in the dark colour scheme", async () => {
    const found: string[] = [];
    const dark = ["sign-in"];
    const darkSignedIn = ["dashboard", "interview-room", "report", "resume-analysis"];
    const signedOut = await openPage(browser, server.url, { bypassCSP: true, colorScheme: "dark" });
    await visit(
      signedOut.page,
      PUBLIC.filter((s) => dark.includes(s.name)),
      "desktop-dark",
      found,
    );
    await signedOut.context.close();
    const signedIn = await openPage(browser, server.url, { bypassCSP: true, colorScheme: "dark" });
    await signInThroughUi(signedIn.page, admin.email, admin.password);
    await visit(
      signedIn.page,
      SIGNED_IN.filter((s) => darkSignedIn.includes(s.name)),
      "desktop-dark",
      found,
    );
    // The app follows the system's scheme: the page really is dark.
    await expect(signedIn.page.evaluate("document.documentElement.dataset.mantineColorScheme")).resolves.toBe(
      "dark",
    );
    assertNoPageProblems(signedIn.problems);
    assertNoPageProblems(signedOut.problems);
    await signedIn.context.close();
    expect(found, found.join("\n")).toEqual([]);
  }, 90_000);
});
