// From a person record to (a) the ground truth and (b) the strings printed on the page. Both come from the same
// record through the functions below, so what the PDF shows and what the JSON says cannot drift apart.

import { SKILL_ALIASES } from "./people.ts";
import type {
  DateStyle,
  GroundTruth,
  Hints,
  Link,
  Person,
  School,
  SectionKind,
  SkillGroup,
  Ym,
} from "./types.ts";

const SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DOTTED = [
  "Jan.",
  "Feb.",
  "Mar.",
  "Apr.",
  "May",
  "June",
  "July",
  "Aug.",
  "Sept.",
  "Oct.",
  "Nov.",
  "Dec.",
];
const LONG = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

const PRESENT: Record<DateStyle, string> = {
  mon: "Present",
  slash: "Present",
  iso: "present",
  long: "Present",
  year: "Present",
  mondot: "Current",
  since: "Present",
};

const JOIN: Record<DateStyle, string> = {
  mon: " – ",
  slash: " - ",
  iso: " to ",
  long: " — ",
  year: " – ",
  mondot: "–",
  since: " – ",
};

/** Styles that print years only: their ground truth has "YYYY" even when the record knows the month. */
export const yearOnly = (style: DateStyle): boolean => style === "year" || style === "since";

function parts(date: Ym): { year: string; month: number | null } {
  const match = /^(\d{4})(?:-(\d{2}))?$/.exec(date);
  if (!match?.[1]) throw new Error(`bad date ${date}`);
  return { year: match[1], month: match[2] ? Number(match[2]) : null };
}

/** One date as printed in a style ("Mar 2019", "03/2019", "2019-03", "March 2019", "2019", "Jan. 2020"). */
export function printDate(date: Ym, style: DateStyle): string {
  if (date === "present") return PRESENT[style];
  const { year, month } = parts(date);
  if (month === null || yearOnly(style)) return year;
  const mm = String(month).padStart(2, "0");
  switch (style) {
    case "mon":
      return `${SHORT[month - 1]} ${year}`;
    case "slash":
      return `${mm}/${year}`;
    case "iso":
      return `${year}-${mm}`;
    case "long":
      return `${LONG[month - 1]} ${year}`;
    case "mondot":
      return `${DOTTED[month - 1]} ${year}`;
    default:
      return year;
  }
}

/** A date range as printed: "Mar 2019 – Present", "03/2019 - 06/2021", "Since 2021" … */
export function printRange(start: Ym | null, end: Ym | null, style: DateStyle, expected = false): string {
  if (style === "since" && end === "present" && start) return `Since ${printDate(start, style)}`;
  const endText = end ? `${expected ? "Expected " : ""}${printDate(end, style)}` : "";
  if (!start) return endText;
  return `${printDate(start, style)}${JOIN[style]}${endText}`;
}

/** The ground-truth form of a date for the style it is printed in. */
export function truthDate(date: Ym | null, style: DateStyle): string | null {
  if (date === null || date === "present") return date;
  return yearOnly(style) ? parts(date).year : date;
}

export const canonicalSkill = (printed: string): string => SKILL_ALIASES[printed] ?? printed;

export function printLink(link: Link): string {
  switch (link.print) {
    case "full":
      return link.url;
    case "bare": {
      const bare = link.url.replace(/^https:\/\//, "");
      return bare.startsWith("www.linkedin.com/") ? bare.slice(4) : bare;
    }
    case "label":
      return link.label ?? link.url;
  }
}

export function printHeading(kind: SectionKind | string, hints: Hints): string {
  const text = isSectionKind(kind) ? hints.headings[kind] : kind;
  return hints.headingCase === "upper" ? text.toUpperCase() : text;
}

const SECTION_KINDS: readonly string[] = ["summary", "experience", "education", "skills", "projects"];
const isSectionKind = (kind: string): kind is SectionKind => SECTION_KINDS.includes(kind);

export function printDegree(school: School, hints: Hints): string {
  if (school.degree && school.field) return `${school.degree}${hints.degreeJoin}${school.field}`;
  return school.degree ?? school.field ?? "";
}

export const printGpa = (school: School): string | null =>
  school.gpa === null ? null : (school.gpaPrinted ?? `GPA: ${school.gpa}`);

export const eduStyle = (hints: Hints): DateStyle => hints.eduDateStyle ?? "year";

/** "Languages: Python, R" or just "Python, R" for a group, with the layout's separator. */
export function printSkillGroup(group: SkillGroup, separator: string): string {
  const items = group.items.join(separator);
  return group.label ? `${group.label}: ${items}` : items;
}

export const skillSeparator = (hints: Hints): string => (hints.skillsStyle === "pipes" ? " | " : ", ");

/** The sections that are printed, in order (empty ones are dropped). */
export function printedSections(person: Person): SectionKind[] {
  return person.hints.order.filter((kind) => {
    switch (kind) {
      case "summary":
        return person.summary !== null;
      case "experience":
        return person.experience.length > 0;
      case "education":
        return person.education.length > 0;
      case "skills":
        return person.skills.some((group) => group.items.length > 0);
      case "projects":
        return person.projects.length > 0;
    }
    return false;
  });
}

export interface ContactItem {
  kind: "email" | "phone" | "location" | "link";
  text: string;
  href: string | null;
  /** Font Awesome 4 code point for the icons layout. */
  icon: string;
}

const LINK_ICON = (url: string): string => {
  if (url.includes("linkedin.com")) return "\uf0e1";
  if (url.includes("github.com")) return "\uf09b";
  return "\uf0ac";
};

/** Contact items as printed, in the usual order: email, phone, location, links. */
export function contactItems(person: Person): ContactItem[] {
  const items: ContactItem[] = [
    { kind: "email", text: person.email, href: `mailto:${person.email}`, icon: "\uf0e0" },
    {
      kind: "phone",
      text: `${person.hints.phoneLabel ?? ""}${person.phonePrinted}`,
      href: null,
      icon: "\uf095",
    },
  ];
  if (person.location) items.push({ kind: "location", text: person.location, href: null, icon: "\uf041" });
  for (const link of person.links) {
    items.push({ kind: "link", text: printLink(link), href: link.url, icon: LINK_ICON(link.url) });
  }
  return items;
}

/** The ground truth for a person, in the key order of the documented JSON shape. */
export function toTruth(person: Person): GroundTruth {
  const style = person.hints.dateStyle;
  const edu = eduStyle(person.hints);
  const skills: string[] = [];
  for (const group of person.skills) {
    for (const item of group.items) {
      const name = canonicalSkill(item);
      if (!skills.includes(name)) skills.push(name);
    }
  }
  const printed = new Set(printedSections(person));
  return {
    name: person.name,
    email: person.email.toLowerCase(),
    phone: person.phone,
    location: person.location,
    links: person.links.map((link) => link.url),
    summary: printed.has("summary") && person.summary ? person.summary.replace(/\s+/g, " ").trim() : null,
    experience: printed.has("experience")
      ? person.experience.map((job) => ({
          company: job.company,
          title: job.title,
          start: truthDate(job.start, style),
          end: truthDate(job.end, style),
          bullets: [...job.bullets],
        }))
      : [],
    education: printed.has("education")
      ? person.education.map((school) => ({
          institution: school.institution,
          degree: school.degree,
          field: school.field,
          start: truthDate(school.start, edu),
          end: truthDate(school.end, edu),
          gpa: school.gpa,
        }))
      : [],
    skills: printed.has("skills") ? skills : [],
    projects: printed.has("projects")
      ? person.projects.map((project) => ({ name: project.name, description: project.description }))
      : [],
  };
}

/** Two-digit number of a person in the corpus (01, 02 …). */
export const fileStem = (index: number, person: Person): string =>
  `${String(index + 1).padStart(2, "0")}-${person.slug}`;

/** A4 outside North America. */
export const pageSize = (person: Person): "A4" | "Letter" =>
  person.country === "US" || person.country === "CA" ? "Letter" : "A4";
