import { type CountryCode, findPhoneNumbersInText } from "libphonenumber-js";
import type { Line } from "../pdf/lines.ts";
import { findPlace } from "./places.ts";

export interface Contact {
  name: string | null;
  email: string | null;
  phone: string | null;
  location: string | null;
  links: string[];
}

const EMAIL = /[\p{L}0-9._%+-]+@[\p{L}0-9.-]+\.[\p{L}]{2,}/iu;
const URL_LIKE =
  /\b(?:https?:\/\/)?(?:www\.)?(?:[a-z0-9-]+\.)+(?:com|org|net|io|dev|me|app|co|ai|tech|design|page|site|xyz|info|blog|portfolio|[a-z]{2})(?:\/[^\s,;|()<>]*)?/gi;
const COUNTRY_BY_WORD: Record<string, CountryCode> = {
  uk: "GB",
  "united kingdom": "GB",
  england: "GB",
  london: "GB",
  india: "IN",
  germany: "DE",
  deutschland: "DE",
  berlin: "DE",
  munich: "DE",
  brazil: "BR",
  brasil: "BR",
  canada: "CA",
  australia: "AU",
  france: "FR",
  spain: "ES",
  italy: "IT",
  netherlands: "NL",
  ireland: "IE",
  singapore: "SG",
  mexico: "MX",
  japan: "JP",
  vietnam: "VN",
  "viet nam": "VN",
  sweden: "SE",
  poland: "PL",
  portugal: "PT",
  nigeria: "NG",
  kenya: "KE",
};
// Printed before contact details by icon fonts (Font Awesome's private-use area) or as plain symbols.
const ICONS = /[\u{E000}-\u{F8FF}\u{F0000}-\u{FFFFD}☎✆✉📞📧📍🔗🌐]/gu;

export function stripIcons(text: string): string {
  return text.replace(ICONS, " ").replace(/\s+/g, " ").trim();
}

/** Contact details from the lines where resumes keep them (the header, a sidebar, a footer). */
export function extractContact(lines: Line[], allText: string, annotatedLinks: string[] = []): Contact {
  const text = stripIcons(lines.map((l) => l.text).join("\n"));
  const everything = stripIcons(allText);
  const email = (text.match(EMAIL) ?? everything.match(EMAIL))?.[0]?.toLowerCase().replace(/\.$/, "") ?? null;
  const location = findLocation(lines);
  return {
    name: findName(lines, email),
    email,
    phone: findPhone(text, location) ?? findPhone(everything, location),
    location,
    links: mergeLinks(findLinks(`${text}\n${everything}`, email), annotatedLinks),
  };
}

function findPhone(text: string, location: string | null): string | null {
  const lower = (location ?? "").toLowerCase();
  const country = Object.entries(COUNTRY_BY_WORD).find(([word]) => lower.includes(word))?.[1] ?? "US";
  const found = findPhoneNumbersInText(text, { defaultCountry: country });
  const valid = found.find((f) => f.number.isValid()) ?? found[0];
  return valid?.number.number ?? null;
}

/** Printed links, completed by the PDF's link targets (a wrapped URL, "LinkedIn" printed as a word). */
function mergeLinks(printed: string[], annotated: string[]): string[] {
  const targets = annotated
    .filter((url) => /^https?:\/\//i.test(url))
    .map(normalizeUrl)
    .filter((url) => PROFILE.test(url) || !/mailto:|tel:/i.test(url));
  const merged = [...printed.filter((p) => !targets.some((t) => t !== p && t.startsWith(p))), ...targets];
  return [...new Set(merged)];
}

const PROFILE =
  /linkedin\.com|github\.com|gitlab\.com|behance\.net|dribbble\.com|stackoverflow\.com|medium\.com|kaggle\.com/i;

function findLinks(text: string, email: string | null): string[] {
  const links = new Set<string>();
  for (const match of text.matchAll(URL_LIKE)) {
    const raw = match[0].replace(/[.)]+$/, "");
    if (email?.includes(raw.replace(/^https?:\/\//, "").toLowerCase())) continue;
    if (!/[/.]/.test(raw) || /^\d/.test(raw)) continue;
    const isProfile =
      /linkedin\.com|github\.com|gitlab\.com|behance\.net|dribbble\.com|stackoverflow\.com|medium\.com|kaggle\.com/i.test(
        raw,
      );
    const isSite = /^(https?:\/\/|www\.)/i.test(raw) || isProfile;
    if (!isSite) continue;
    links.add(normalizeUrl(raw));
  }
  return [...links];
}

export function normalizeUrl(raw: string): string {
  const withScheme = /^https?:\/\//i.test(raw) ? raw : `https://${raw}`;
  try {
    const url = new URL(withScheme);
    url.protocol = "https:";
    let host = url.hostname.toLowerCase();
    if (/^(linkedin|github)\.com$/.test(host)) host = host === "linkedin.com" ? "www.linkedin.com" : host;
    if (host === "www.github.com") host = "github.com";
    url.hostname = host;
    return url.toString().replace(/\/$/, "");
  } catch {
    return withScheme;
  }
}

function findLocation(lines: Line[]): string | null {
  for (const line of lines) {
    // Icons before each contact item separate the items; keep them apart before they are stripped.
    const parts = line.segments
      .flatMap((segment) => segment.split(ICONS))
      .map(stripIcons)
      .filter(Boolean);
    const place = findPlace(parts.join("  "));
    if (place) return place;
  }
  return null;
}

const NOT_NAME = /resume|curriculum|vitae|\bcv\b|profile|summary|contact|@|\d|https?:|www\./i;

/** The name: the largest short line of letters near the top, not a heading or a contact detail. */
function findName(lines: Line[], email: string | null): string | null {
  const candidates = lines
    .slice(0, 12)
    .map((line) => ({ line, text: stripIcons(line.segments[0] ?? line.text) }))
    .filter(({ text }) => {
      const words = text.split(/\s+/);
      return (
        words.length >= 2 &&
        words.length <= 5 &&
        text.length <= 50 &&
        !NOT_NAME.test(text) &&
        /^[\p{L}][\p{L}'’.\- ]+$/u.test(text)
      );
    });
  if (candidates.length === 0) return null;
  const best = candidates.reduce((a, b) => (b.line.fontSize > a.line.fontSize + 0.5 ? b : a));
  const name = best.text;
  if (email && name.toLowerCase().includes(email)) return null;
  return name === name.toUpperCase() ? titleCase(name) : name;
}

function titleCase(text: string): string {
  return text
    .toLowerCase()
    .replace(/(^|[\s'-])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
}
