import PDFDocument from "pdfkit";
import type { FeedbackRow } from "./report-queries.ts";
import type { AskedQuestionRow, ResponseRow, SessionRow } from "./session-queries.ts";

export interface PrintableReport {
  session: SessionRow;
  role: { title: string } | null;
  questions: (AskedQuestionRow & {
    answer: ResponseRow | null;
    attempts: ResponseRow[];
    score_change: number | null;
  })[];
  feedback: FeedbackRow | null;
}

const MARGIN = 54;
const INK = "#1f2328";
const MUTED = "#57606a";
const ACCENT = "#3b5bdb";

/**
 * The session report as a PDF a candidate can keep or share: scores, each answer with its feedback, and the
 * improvement plan. The standard PDF fonts cover Western European text; anything else is spelled plainly.
 */
export function renderReportPdf(report: PrintableReport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    info: { Title: `${report.role?.title ?? "Interview"} report`, Author: "Rehearse", Creator: "Rehearse" },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  header(doc, report);
  answers(doc, report);
  plan(doc, report.feedback);
  doc.end();
  return done;
}

function header(doc: PDFKit.PDFDocument, { session, role }: PrintableReport): void {
  doc
    .fillColor(INK)
    .font("Helvetica-Bold")
    .fontSize(20)
    .text(plain(`${role?.title ?? "Interview"} report`));
  const when = session.completed_at ? session.completed_at.toISOString().slice(0, 10) : "";
  doc
    .moveDown(0.2)
    .font("Helvetica")
    .fontSize(10)
    .fillColor(MUTED)
    .text(
      plain(
        `${when} · ${session.session_type} · ${session.difficulty_level} · ${session.questions_answered} of ${session.total_questions} questions answered · ${Math.round((session.duration_seconds ?? 0) / 60)} min`,
      ),
    );
  doc.moveDown(0.8);
  const scores: [string, number | null][] = [
    ["Overall", session.overall_score],
    ["Technical", session.technical_score],
    ["Communication", session.communication_score],
    ["Confidence", session.confidence_score],
  ];
  doc.font("Helvetica-Bold").fontSize(12).fillColor(ACCENT);
  doc.text(
    scores.map(([name, value]) => `${name} ${value === null ? "n/a" : value.toFixed(1)}/10`).join("     "),
  );
  doc
    .moveDown(0.6)
    .font("Helvetica")
    .fontSize(11)
    .fillColor(INK)
    .text(plain(session.ai_feedback ?? ""));
  list(doc, "Strengths", session.strengths ?? []);
  list(doc, "To work on", session.areas_for_improvement ?? []);
  list(doc, "Recommendations", session.recommendations ?? []);
}

function answers(doc: PDFKit.PDFDocument, report: PrintableReport): void {
  heading(doc, "Your answers");
  for (const q of report.questions) {
    doc.moveDown(0.5);
    doc
      .font("Helvetica-Bold")
      .fontSize(11)
      .fillColor(INK)
      .text(plain(`${q.question_order}. ${q.question_text}`));
    const first = q.answer;
    if (!first) {
      doc.font("Helvetica-Oblique").fontSize(10).fillColor(MUTED).text("Not answered.");
      continue;
    }
    doc
      .font("Helvetica")
      .fontSize(9)
      .fillColor(MUTED)
      .text(
        plain(
          `Score ${fmt(first.response_score)} · technical ${fmt(first.technical_accuracy)} · clarity ${fmt(first.communication_clarity)} · relevance ${fmt(first.relevance_score)} · confidence ${fmt(first.confidence_level)}${first.speech_pace ? ` · ${Math.round(first.speech_pace)} words a minute` : ""}`,
        ),
      );
    if (first.transcribed_text)
      doc
        .moveDown(0.2)
        .font("Helvetica-Oblique")
        .fontSize(10)
        .fillColor(INK)
        .text(plain(`"${first.transcribed_text}"`));
    if (first.ai_feedback) doc.moveDown(0.2).font("Helvetica").fontSize(10).text(plain(first.ai_feedback));
    if (first.suggested_improvement)
      doc
        .moveDown(0.2)
        .font("Helvetica-Bold")
        .fontSize(10)
        .text("Next time: ", { continued: true })
        .font("Helvetica")
        .text(plain(first.suggested_improvement));
    if ((first.missing_keywords ?? []).length > 0)
      doc
        .font("Helvetica")
        .fontSize(9)
        .fillColor(MUTED)
        .text(plain(`Missing: ${(first.missing_keywords ?? []).join(", ")}`));
    if (q.attempts.length > 1 && q.score_change !== null)
      doc
        .font("Helvetica")
        .fontSize(9)
        .fillColor(ACCENT)
        .text(
          plain(
            `Answered again: ${fmt(q.attempts.at(-1)?.response_score ?? null)} (${q.score_change >= 0 ? "+" : ""}${q.score_change.toFixed(1)})`,
          ),
        );
  }
}

function plan(doc: PDFKit.PDFDocument, feedback: FeedbackRow | null): void {
  if (!feedback) return;
  heading(doc, "Your improvement plan");
  list(doc, "This week", feedback.short_term_goals ?? []);
  list(doc, "This month and beyond", feedback.long_term_goals ?? []);
  list(doc, "How to practise", feedback.practice_suggestions ?? []);
  const resources = (feedback.recommended_resources ?? []) as { title?: string; url?: string }[];
  list(
    doc,
    "Resources",
    resources.map((r) => `${r.title ?? ""} — ${r.url ?? ""}`),
  );
  const peer = feedback.peer_comparison as { available?: boolean; summary?: string } | null;
  if (peer?.available && peer.summary) list(doc, "Among other candidates", [peer.summary]);
}

function heading(doc: PDFKit.PDFDocument, text: string): void {
  doc.moveDown(1).font("Helvetica-Bold").fontSize(15).fillColor(INK).text(text);
}

function list(doc: PDFKit.PDFDocument, title: string, items: string[]): void {
  if (items.length === 0) return;
  doc.moveDown(0.5).font("Helvetica-Bold").fontSize(11).fillColor(INK).text(title);
  doc
    .font("Helvetica")
    .fontSize(10)
    .list(items.map(plain), { bulletRadius: 1.5, indent: 10, textIndent: 10 });
}

function fmt(value: number | null): string {
  return value === null ? "n/a" : value.toFixed(1);
}

/** Text the standard fonts can draw (WinAnsi): common typography kept, other characters spelled plainly. */
export function plain(text: string): string {
  return text
    .replace(/[→⇒]/g, "->")
    .replace(/[≥]/g, ">=")
    .replace(/[≤]/g, "<=")
    .replace(/[‐‑‒]/g, "-")
    .replace(
      /[^\t\n\r\u0020-\u007e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac·]/g,
      "?",
    );
}
