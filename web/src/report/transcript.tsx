import { Group, Text } from "@mantine/core";
import type { ReactNode } from "react";
import type { AnswerResponse } from "../api/types.ts";

interface Mark {
  start: number;
  end: number;
  kind: "filler" | "pause";
  label: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Finds each item's next occurrence in the text, in order, so repeated words land on the right spot. */
function locate(text: string, words: string[]): { start: number; end: number; word: string }[] {
  const found: { start: number; end: number; word: string }[] = [];
  const lower = text.toLowerCase();
  let from = 0;
  for (const word of words) {
    const pattern = new RegExp(
      `(^|[^\\p{L}\\p{N}'])(${escapeRegExp(word.toLowerCase())})(?=$|[^\\p{L}\\p{N}'])`,
      "u",
    );
    const rest = lower.slice(from);
    const match = pattern.exec(rest);
    if (!match) continue;
    const start = from + match.index + (match[1]?.length ?? 0);
    const end = start + (match[2]?.length ?? 0);
    found.push({ start, end, word: text.slice(start, end) });
    from = end;
  }
  return found;
}

/**
 * The transcript with filler words and long pauses highlighted, from the speech analysis (word and time of
 * each filler; the word each pause followed). A typed answer shows the fillers its text analysis found.
 */
export function Transcript({ answer }: { answer: AnswerResponse }) {
  const text = answer.transcribed_text ?? "";
  if (!text) return <Text c="dimmed">No transcript.</Text>;
  const raw = answer.gemini_analysis_raw;
  const speech = raw?.speech;
  const fillerWords = speech?.fillers?.items?.map((f) => f.word) ?? raw?.signals?.fillers?.phrases ?? [];
  const marks: Mark[] = locate(text, fillerWords).map((m) => ({ ...m, kind: "filler", label: m.word }));
  const longPauses = (speech?.pauses?.list ?? []).filter((p) => p.long).sort((a, b) => a.start - b.start);
  let from = 0;
  for (const pause of longPauses) {
    if (!pause.after) continue;
    const [hit] = locate(text.slice(from), [pause.after]);
    if (!hit) continue;
    const at = from + hit.end;
    marks.push({ start: at, end: at, kind: "pause", label: `${pause.duration.toFixed(1)} s pause` });
    from = at;
  }
  marks.sort((a, b) => a.start - b.start || (a.kind === "pause" ? 1 : -1));

  const parts: ReactNode[] = [];
  let cursor = 0;
  for (const mark of marks) {
    if (mark.start < cursor) continue;
    parts.push(text.slice(cursor, mark.start));
    if (mark.kind === "filler") {
      parts.push(
        <mark key={`f${mark.start}`} className="filler" title="Filler word">
          {text.slice(mark.start, mark.end)}
        </mark>,
      );
      cursor = mark.end;
    } else {
      parts.push(
        <mark key={`p${mark.start}`} className="pause" title="Long pause">
          {" "}
          ⏸ {mark.label}{" "}
        </mark>,
      );
      cursor = mark.start;
    }
  }
  parts.push(text.slice(cursor));

  const fillers = marks.filter((m) => m.kind === "filler").length;
  const pauses = marks.filter((m) => m.kind === "pause").length;
  return (
    <div>
      <Text lh={1.7} data-testid="transcript">
        {parts}
      </Text>
      {(fillers > 0 || pauses > 0) && (
        <Group gap="md" mt={4}>
          {fillers > 0 && (
            <Text size="xs">
              <mark className="filler">highlighted</mark> {fillers} filler word{fillers === 1 ? "" : "s"}
            </Text>
          )}
          {pauses > 0 && (
            <Text size="xs">
              <mark className="pause">⏸</mark> {pauses} long pause{pauses === 1 ? "" : "s"}
            </Text>
          )}
        </Group>
      )}
    </div>
  );
}
