import { escapeHtml } from "../system/html.ts";
import type { Mail } from "./mailer.ts";

export type MailKind = "signup" | "recovery" | "email_change" | "signup_attempt";

const SUBJECTS: Record<MailKind, string> = {
  signup: "Confirm your Rehearse account",
  recovery: "Reset your Rehearse password",
  email_change: "Confirm your new e-mail address",
  signup_attempt: "Someone tried to sign up with your e-mail address",
};

export function composeMail(
  kind: MailKind,
  to: string,
  link: { siteUrl: string; hash?: string; otp?: string; type?: string },
): Mail {
  const verifyUrl = link.hash
    ? `${link.siteUrl}/auth/v1/verify?token=${link.hash}&type=${link.type}&redirect_to=${encodeURIComponent(link.siteUrl)}`
    : undefined;
  const lines =
    kind === "signup_attempt"
      ? [
          "Someone tried to create a Rehearse account with this address, which already has one.",
          "If it was you, sign in instead, or reset your password. Otherwise you can ignore this message.",
        ]
      : [
          `Your code: ${link.otp}`,
          `Or open this link: ${verifyUrl}`,
          "It works once and expires in one hour. If you did not ask for it, ignore this message.",
        ];
  const text = [SUBJECTS[kind], "", ...lines].join("\n");
  const html = `<p><strong>${escapeHtml(SUBJECTS[kind])}</strong></p>${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join("")}`;
  return { to, subject: SUBJECTS[kind], text, html };
}
