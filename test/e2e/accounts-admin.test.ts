import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setAdmin } from "../../src/accounts/admin.ts";
import { createLogger } from "../../src/logger.ts";
import { call } from "../helpers/auth.ts";
import { useTestDatabase } from "../helpers/database.ts";
import { roleId } from "../helpers/interviews.ts";
import { mailedCode, startTestServer, type TestServer } from "../helpers/server.ts";
import {
  assertNoPageProblems,
  launchBrowser,
  newPerson,
  openPage,
  seen,
  signInThroughUi,
} from "./helpers/browser.ts";
import { account } from "./helpers/seed.ts";

// A forgotten password, recovered through the e-mail that lands in the development mailbox; and an admin
// editing a bank question and an app setting through the admin screens, seen by users straight away.

const db = useTestDatabase();
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer(db.pool);
  browser = await launchBrowser({ audio: false });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("accounts", () => {
  it("resets a forgotten password with the code from the development mailbox", async () => {
    const person = await account(server, db.pool, newPerson("forgot"));
    const { page, problems, context } = await openPage(browser, server.url);
    await page.goto("/sign-in");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.waitForURL("**/forgot-password");
    await page.getByRole("textbox", { name: "E-mail" }).fill(person.email);
    await page.getByRole("button", { name: "Send reset e-mail" }).click();
    await page.getByText("Check your e-mail").waitFor();

    // The e-mail, read where a developer reads it: the mailbox the screen links to.
    const [mailbox] = await Promise.all([
      context.waitForEvent("page"),
      page.getByRole("link", { name: "development mailbox" }).click(),
    ]);
    await mailbox.waitForLoadState();
    const mail = mailbox
      .locator("article")
      .filter({ hasText: `to ${person.email}` })
      .first();
    const code = /Your code: (\d{6})/.exec(await seen(mail))?.[1];
    expect(code).toBe(mailedCode(server.mailbox, person.email));
    await mailbox.close();

    await page.getByRole("link", { name: "I have a code" }).click();
    await page.waitForURL("**/reset-password?email=*");
    await expect(page.getByRole("textbox", { name: "E-mail" }).inputValue()).resolves.toBe(person.email);
    await page.getByRole("textbox", { name: "Code" }).fill(code ?? "");
    await page.getByRole("button", { name: "Continue" }).click();
    const newPassword = "another sound passphrase 7";
    await page.getByLabel(/^New password/).fill(newPassword);
    await page.getByLabel("Repeat it").fill(newPassword);
    await page.getByRole("button", { name: "Save new password" }).click();
    await page.waitForURL("**/dashboard");
    await page.getByText("Password changed").waitFor();

    // Sign out, and back in with the new password; the old one no longer works.
    await page.getByTestId("account-menu").click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await page.waitForURL("**/sign-in");
    await signInThroughUi(page, person.email, newPassword);
    await page.waitForURL("**/dashboard");
    const old = await call(server.app, "POST", "/auth/v1/token?grant_type=password", {
      body: { email: person.email, password: person.password },
    });
    expect(old.status).toBe(400);
    expect(old.body.error_code ?? old.body.code).toBe("invalid_credentials");
    assertNoPageProblems(problems);
    await context.close();
  }, 90_000);

  it("changes the password and the e-mail address from the profile", async () => {
    const person = await account(server, db.pool, newPerson("security"));
    const { page, problems, context } = await openPage(browser, server.url);
    await signInThroughUi(page, person.email, person.password);
    await page.waitForURL("**/dashboard");
    await page.goto("/profile");

    const changed = "a fresh passphrase 99";
    await page.getByTestId("new-password").fill(changed);
    await page.getByTestId("new-password-again").fill("a different one 99");
    await page.getByTestId("change-password").click();
    await page.getByText("The two passwords differ").waitFor();
    await page.getByTestId("new-password-again").fill(changed);
    await page.getByTestId("change-password").click();
    await page.getByText("Your password was changed.").waitFor();
    const signIn = await call(server.app, "POST", "/auth/v1/token?grant_type=password", {
      body: { email: person.email, password: changed },
    });
    expect(signIn.status).toBe(200);

    // This server confirms at once (AUTH_AUTOCONFIRM, as in development): the address changes now.
    const next = `moved-${person.email}`;
    await page.getByTestId("new-email").fill(person.email);
    await page.getByTestId("change-email").click();
    await page.getByText("That is already your e-mail address").waitFor();
    await page.getByTestId("new-email").fill(next);
    await page.getByTestId("change-email").click();
    await page.getByText(`Your e-mail address is now ${next}.`).waitFor();
    const { rows } = await db.pool.query(
      "select u.email, p.email as profile_email from auth.users u join public.user_profiles p on p.id = u.id where u.id = $1",
      [person.id],
    );
    expect(rows).toEqual([{ email: next, profile_email: next }]);
    assertNoPageProblems(problems);
    await context.close();
  }, 90_000);
});

describe("the admin screens", () => {
  it("edit a bank question and a setting; users see the change and cannot open the screens", async () => {
    const admin = await account(server, db.pool, newPerson("admin"));
    const user = await account(server, db.pool, newPerson("user"));
    expect(await setAdmin(db.url, createLogger({ logLevel: "silent" }), admin.email, true)).toBe(true);

    // Signed in after the grant, the admin's token carries the role and the admin links show.
    const { page, problems, context } = await openPage(browser, server.url);
    await signInThroughUi(page, admin.email, admin.password);
    await page.getByRole("link", { name: "Roles & questions editor" }).click();
    await page.waitForURL("**/admin/catalog");
    await page.getByRole("button", { name: "Questions of Full Stack Developer" }).click();
    const firstEdit = page.getByRole("button", { name: /^Edit question: / }).first();
    const before = ((await firstEdit.getAttribute("aria-label")) ?? "").replace(/^Edit question: /, "");
    expect(before.length).toBeGreaterThan(10);
    await firstEdit.click();
    const dialog = page.getByRole("dialog", { name: "Edit question" });
    await dialog.waitFor();
    const edited = "Walk me through how you would design a rate limiter for a public API.";
    await dialog.getByLabel(/^Question/).fill(edited);
    await dialog.getByLabel("Time limit (seconds)").fill("150");
    await dialog.getByRole("button", { name: "Save question" }).click();
    await page.getByText("Question saved.").waitFor();
    await dialog.waitFor({ state: "hidden" });
    await page.getByRole("button", { name: `Edit question: ${edited}` }).waitFor();
    const stored = await db.pool.query(
      "select time_limit_seconds from public.interview_questions where question_text = $1",
      [edited],
    );
    expect(stored.rows).toEqual([{ time_limit_seconds: 150 }]);
    expect(
      (await db.pool.query("select 1 from public.interview_questions where question_text = $1", [before]))
        .rowCount,
    ).toBe(0);

    await page.getByRole("link", { name: "App settings" }).click();
    await page.waitForURL("**/admin/settings");
    const card = page.getByTestId("setting-default_questions_per_interview");
    await card.getByLabel("Value").fill("7");
    await card.getByRole("button", { name: "Save" }).click();
    await page.getByText("default_questions_per_interview saved.").waitFor();
    const setting = await db.pool.query(
      "select setting_value from public.app_settings where setting_key = 'default_questions_per_interview'",
    );
    expect(Number(setting.rows[0]?.setting_value)).toBe(7);
    // A value the setting may not hold is refused before it is sent.
    await card.getByLabel("Value").fill("500");
    await card.getByText("Enter a number from 1 to 50.").waitFor();
    await expect(card.getByRole("button", { name: "Save" }).isDisabled()).resolves.toBe(true);
    assertNoPageProblems(problems);
    await context.close();

    // A user sees the edited question at once, and is kept out of the admin screens.
    const asUser = await openPage(browser, server.url);
    const role = await roleId(server.app, "Full Stack Developer");
    await signInThroughUi(asUser.page, user.email, user.password, `/roles/${role}`);
    await asUser.page.getByText(edited).waitFor();
    await expect(asUser.page.getByText("2.5 min to answer").count()).resolves.toBeGreaterThan(0);
    await expect(asUser.page.getByRole("link", { name: "App settings" }).count()).resolves.toBe(0);
    await asUser.page.goto("/admin/settings");
    await asUser.page.getByText("Admins only").waitFor();
    const refused = await call(server.app, "GET", "/api/admin/settings", { token: user.token });
    expect(refused.status).toBe(403);
    assertNoPageProblems(asUser.problems);
    await asUser.context.close();
  }, 90_000);
});
