/**
 * Headless Chromium (Debian's, at /usr/bin/chromium) driven by playwright-core against the real server that
 * `startTestServer` runs, with a fake microphone that plays real read-English recordings. The app must be
 * built into dist/web first (`bash scripts/setup.sh test`, which `npm test` runs).
 */
import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Locator,
  type Page,
} from "playwright-core";
import { concat, silence } from "../../helpers/audio.ts";

const root = path.resolve(import.meta.dirname, "../../..");

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SCREENSHOTS = path.join(root, "test-results", "screenshots");
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 900 };

const LIBRIVOX = "/usr/share/pocketsphinx/test/data/librivox";
const RECORDINGS = ["0870", "0880", "0890", "0920", "0930"].map(
  (id) => `${LIBRIVOX}/sense_and_sensibility_01_austen_64kb-${id}.wav`,
);

/** Throws a clear message when the web app has not been built (the server would answer 404 for "/"). */
export function requireBuiltApp(): void {
  if (!existsSync(path.join(root, "dist/web/index.html")))
    throw new Error("dist/web is missing: run `bash scripts/setup.sh test` (or `npm run build:web`) first");
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: run \`bash scripts/setup.sh test\``);
}

let speech: Promise<string> | undefined;

/**
 * One 16 kHz mono 16-bit WAV of the five librivox recordings (about 25 s of real speech) separated by
 * 0.9 s pauses, so the server's segmenter (400 ms pauses) cuts utterances and sends live captions.
 * Chromium loops it for as long as the fake microphone is open.
 */
export function speechWav(): Promise<string> {
  speech ??= (async () => {
    const gap = await silence(0.9, 16_000);
    const parts: string[] = [await silence(0.3, 16_000)];
    for (const file of RECORDINGS) parts.push(file, gap);
    return concat(parts);
  })();
  return speech;
}

export interface LaunchOptions {
  /** A WAV to play as the microphone (default: the librivox speech); false for Chromium's own beep. */
  audio?: string | false;
  /** Accept the microphone prompt by itself (default true); false leaves the prompt to be denied. */
  autoAllowMicrophone?: boolean;
}

export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  requireBuiltApp();
  const args = ["--no-sandbox", "--disable-dev-shm-usage", "--use-fake-device-for-media-stream"];
  if (options.autoAllowMicrophone !== false) args.push("--use-fake-ui-for-media-stream");
  const audio = options.audio === undefined ? await speechWav() : options.audio;
  if (audio) args.push(`--use-file-for-fake-audio-capture=${audio}`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args });
}

/** What went wrong inside the page: uncaught errors, and console errors (kept apart: some are expected). */
export interface PageProblems {
  pageErrors: string[];
  consoleErrors: string[];
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  problems: PageProblems;
}

/** A fresh context (no cookies, no storage) and page, recording the page's errors. */
export async function openPage(
  browser: Browser,
  baseURL: string,
  options: BrowserContextOptions = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({ baseURL, viewport: DESKTOP, locale: "en-US", ...options });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(20_000);
  const page = await context.newPage();
  const problems: PageProblems = { pageErrors: [], consoleErrors: [] };
  page.on("pageerror", (error) => problems.pageErrors.push(`${error.name}: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error")
      problems.consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  return { context, page, problems };
}

/**
 * Fails on any uncaught error in the page, and on console errors except those matching `allowed`
 * (e.g. the failed requests a deliberately cut network causes).
 */
export function assertNoPageProblems(problems: PageProblems, allowed: RegExp[] = []): void {
  const unexpected = problems.consoleErrors.filter((text) => !allowed.some((re) => re.test(text)));
  const all = [
    ...problems.pageErrors.map((e) => `pageerror: ${e}`),
    ...unexpected.map((e) => `console.error: ${e}`),
  ];
  if (all.length > 0) throw new Error(`the page reported errors:\n${all.join("\n")}`);
}

/** A full-page PNG under test-results/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  // Let fonts, charts' transitions and the caret settle so the picture is what a person sees.
  await page.evaluate("document.fonts.ready");
  await page.screenshot({ path: file, fullPage: true, animations: "disabled", caret: "hide" });
  return file;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string[]; html: string; failureSummary?: string }[];
}

let axeSource: Promise<string> | undefined;

/**
 * Runs axe-core on the page as it is now; returns the serious and critical violations. The page's content
 * security policy forbids inline scripts, so the context must be made with `bypassCSP: true`.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFile(path.join(root, "node_modules/axe-core/axe.min.js"), "utf8");
  if (!(await page.evaluate("typeof window.axe !== 'undefined'")))
    await page.addScriptTag({ content: await axeSource });
  const violations = (await page.evaluate(`
    window.axe
      .run(document, { resultTypes: ["violations"], runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } })
      .then((result) => result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 200), failureSummary: n.failureSummary })),
      })))
  `)) as AxeViolation[];
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** The violations in words, for an assertion message. */
export function describeViolations(where: string, violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${where}: [${v.impact}] ${v.id} — ${v.help}\n${v.nodes
          .slice(0, 5)
          .map((n) => `    ${n.target.join(" ")}  ${n.html}`)
          .join("\n")}`,
    )
    .join("\n");
}

export interface Credentials {
  fullName: string;
  email: string;
  password: string;
}

let people = 0;

/** A new person's details, unique within the run. */
export function newPerson(prefix = "e2e"): Credentials {
  people += 1;
  return {
    fullName: "Robin Avery",
    email: `${prefix}-${people}-${Date.now()}-${process.pid}@example.test`,
    password: "a sound passphrase 42",
  };
}

/** Signs up through the sign-up screen; the new account lands on the onboarding screen. */
export async function signUpThroughUi(page: Page, person: Credentials): Promise<void> {
  await page.goto("/sign-up");
  await page.getByLabel("Full name").fill(person.fullName);
  await page.getByLabel("E-mail").fill(person.email);
  await page.getByLabel(/^Password/).fill(person.password);
  await page.getByTestId("sign-up-submit").click();
  await page.waitForURL("**/onboarding");
  await page.getByRole("heading", { level: 1, name: "Welcome to Rehearse" }).waitFor();
}

/** Signs in through the sign-in screen and waits to leave it (for `next`, or the dashboard). */
export async function signInThroughUi(
  page: Page,
  email: string,
  password: string,
  next?: string,
): Promise<void> {
  await page.goto(next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in");
  await page.getByTestId("sign-in-email").fill(email);
  await page.getByTestId("sign-in-password").fill(password);
  await page.getByTestId("sign-in-submit").click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

/** Chooses an option of a Mantine Select or MultiSelect found by its label. */
export async function choose(page: Page, label: string | RegExp, option: string | RegExp): Promise<void> {
  await page.getByLabel(label).first().click();
  await page.getByRole("option", { name: option }).first().click();
}

/** The text a person sees in an element: Playwright's rendered innerText, trimmed. */
export async function seen(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: a Playwright locator, and the rendered text is what is wanted
  return (await locator.innerText()).trim();
}

/** The text a person sees in the (first) element with this data-testid. */
export function textOf(page: Page, testId: string): Promise<string> {
  return seen(page.getByTestId(testId).first());
}

/** A number read from a text such as "7.4 / 10" (NaN when there is none). */
export function firstNumber(text: string): number {
  const match = /-?\d+(?:\.\d+)?/.exec(text);
  return match ? Number(match[0]) : Number.NaN;
}
