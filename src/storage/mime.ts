// The names browsers and tools send for the same formats, mapped to the names the buckets list. The design
// document's audio/mp3 and audio/m4a are not registered types; audio/mpeg and audio/mp4 are.
const ALIASES: Record<string, string> = {
  "audio/mpeg": "audio/mp3",
  "audio/mpeg3": "audio/mp3",
  "audio/x-mpeg-3": "audio/mp3",
  "audio/x-mp3": "audio/mp3",
  "audio/mp4": "audio/m4a",
  "audio/x-m4a": "audio/m4a",
  "audio/aac-mp4": "audio/m4a",
  "audio/x-wav": "audio/wav",
  "audio/wave": "audio/wav",
  "audio/vnd.wave": "audio/wav",
  // Recordings: a browser's MediaRecorder makes WebM, which is sniffed as video/webm even with only audio;
  // Opus comes in Ogg. ffprobe checks afterwards that it holds audio. (An MP4 sniffed as video stays refused.)
  "video/webm": "audio/webm",
  "audio/opus": "audio/ogg",
  "application/ogg": "audio/ogg",
  "audio/x-flac": "audio/flac",
  "audio/x-aac": "audio/aac",
  "image/jpg": "image/jpeg",
  "image/pjpeg": "image/jpeg",
};

/** `type/subtype` without parameters (`; charset=…`), lower-cased; undefined if it is not a media type. */
export function baseType(contentType: string | undefined): string | undefined {
  const base = contentType?.split(";")[0]?.trim().toLowerCase();
  return base && /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(base) ? base : undefined;
}

export function canonicalType(contentType: string | undefined): string | undefined {
  const base = baseType(contentType);
  return base ? (ALIASES[base] ?? base) : undefined;
}

/** Whether a bucket's list allows the type; `image/*`-style wildcards are honoured. */
export function isAllowed(allowed: string[] | null, contentType: string | undefined): boolean {
  if (!allowed || allowed.length === 0) return true;
  const type = canonicalType(contentType);
  if (!type) return false;
  return allowed.some((entry) => {
    const rule = canonicalType(entry) ?? entry.toLowerCase();
    return rule.endsWith("/*") ? type.startsWith(rule.slice(0, -1)) : rule === type;
  });
}
