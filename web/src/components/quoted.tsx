import { Fragment } from "react";

/** Text with its “quoted” passages (the weak lines an analysis cites) highlighted. */
export function Quoted({ text }: { text: string }) {
  const parts = text.split(/(“[^”]*”|"[^"]*")/g);
  return (
    <>
      {parts.map((part, i) =>
        /^[“"].*[”"]$/.test(part) ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string
          <mark key={i} className="quote">
            {part}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

/** "Problem: how to fix it." → the problem and the advice, for issue lists. */
export function splitIssue(text: string): { problem: string; fix: string } {
  const at = text.indexOf(": ");
  if (at > 0 && at < 90) return { problem: text.slice(0, at), fix: text.slice(at + 2) };
  return { problem: text, fix: "" };
}
