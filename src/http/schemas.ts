import { z } from "zod";

// Control characters (NUL above all: PostgreSQL cannot store it in text) never belong in a field a person
// typed; tabs and newlines do in longer text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LINE_BREAKS = /[\n\r\t]/;

/** A human-entered string: NFC-normalized, trimmed, no control characters, bounded length. */
export function text(options: { max: number; min?: number; multiline?: boolean }) {
  return z
    .string()
    .transform((value) => value.normalize("NFC").trim())
    .pipe(
      z
        .string()
        .min(options.min ?? 1, options.min === 0 ? undefined : "must not be empty")
        .max(options.max, `must be at most ${options.max} characters`)
        .refine((value) => !CONTROL.test(value), "must not contain control characters")
        .refine((value) => options.multiline || !LINE_BREAKS.test(value), "must be a single line"),
    );
}

export const errorSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown(),
});
