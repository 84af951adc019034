// Types of the resume corpus: what a person is (the ground truth) and how their resume is printed (the hints).

/** What the resume parser must output for one resume (the shape of NN-slug.json). */
export interface GroundTruth {
  name: string;
  email: string;
  phone: string | null;
  location: string | null;
  links: string[];
  summary: string | null;
  experience: TruthJob[];
  education: TruthSchool[];
  skills: string[];
  projects: TruthProject[];
}

export interface TruthJob {
  company: string;
  title: string;
  start: string | null;
  end: string | null;
  bullets: string[];
}

export interface TruthSchool {
  institution: string;
  degree: string | null;
  field: string | null;
  start: string | null;
  end: string | null;
  gpa: string | null;
}

export interface TruthProject {
  name: string;
  description: string;
}

/** The program that lays out the page. "scan" is added on top of one of the others (see Person.scan). */
export type Generator = "chromium" | "libreoffice-fodt" | "libreoffice-docx" | "libreoffice-html";

/** Chromium layouts print HTML; fodt/docx/lo-html are converted by LibreOffice. */
export type Layout =
  | "classic"
  | "sidebar"
  | "latex"
  | "table"
  | "icons"
  | "modern"
  | "compact"
  | "page-header"
  | "fodt-tabs"
  | "fodt-footer"
  | "docx"
  | "docx-header"
  | "lo-html";

export type SectionKind = "summary" | "experience" | "education" | "skills" | "projects";

/**
 * How a date range is printed:
 * - mon:    "Mar 2019 – Present"
 * - slash:  "03/2019 - 06/2021"
 * - iso:    "2019-03 to 2021-06" ("2019-03 to present")
 * - long:   "March 2019 — June 2021"
 * - year:   "2017 – 2019" (months are not printed, so the ground truth has years only)
 * - mondot: "Jan. 2020–Current"
 * - since:  "Since 2021" for a current role, "2017 – 2019" otherwise (years only)
 */
export type DateStyle = "mon" | "slash" | "iso" | "long" | "year" | "mondot" | "since";

/** upper: the heading text is printed in capitals; title: as written; smallcaps: as written, set in small capitals. */
export type HeadingCase = "upper" | "title" | "smallcaps";

/**
 * A date in ground-truth precision as the person record holds it: "YYYY-MM", "YYYY" or "present".
 * Styles that print years only (year, since) cut "YYYY-MM" to "YYYY" in the ground truth too.
 */
export type Ym = string;

export interface Job {
  company: string;
  title: string;
  start: Ym;
  end: Ym;
  bullets: string[];
  /** Printed next to the company ("Austin, TX", "Remote"); not part of the ground truth. */
  place?: string;
}

export interface School {
  institution: string;
  degree: string | null;
  field: string | null;
  start: Ym | null;
  end: Ym | null;
  /** Ground-truth GPA ("3.8"); printed as gpaPrinted, or as "GPA: 3.8" when gpaPrinted is absent. */
  gpa: string | null;
  gpaPrinted?: string;
  /** Printed "Expected May 2025" instead of the end date alone. */
  expected?: boolean;
  place?: string;
}

export interface Project {
  name: string;
  description: string;
}

/**
 * How a link is printed: "full" prints the URL as is, "bare" without "https://" (and without "www." for LinkedIn),
 * "label" prints only a word ("LinkedIn") that is a hyperlink to the URL.
 */
export type LinkPrint = "full" | "bare" | "label";

export interface Link {
  /** Ground truth: the full https URL. */
  url: string;
  print: LinkPrint;
  label?: string;
}

export interface SkillGroup {
  /** "Languages", "Tools" … or null for a plain list. The label is not a skill. */
  label: string | null;
  /** Skills as printed: aliases such as "JS" or "k8s" allowed (see SKILL_ALIASES). */
  items: string[];
}

/** A section the ground truth does not cover (certifications, languages, awards); printed to add realistic noise. */
export interface ExtraSection {
  heading: string;
  lines: string[];
  /** In the sidebar for the sidebar layout. */
  side?: boolean;
}

export interface Hints {
  /** Sections in printed order. A section missing here, or empty in the record, is not printed. */
  order: SectionKind[];
  /** Section titles as worded on the page (before headingCase is applied). */
  headings: Record<SectionKind, string>;
  headingCase: HeadingCase;
  dateStyle: DateStyle;
  /** Date style for education; "year" unless set. */
  eduDateStyle?: DateStyle;
  /** The bullet glyph printed before each experience bullet. */
  bullet: string;
  /** How the skill groups are run together: "comma" (", "), "pipes" (" | "), "lines" (one item a line), "tags". */
  skillsStyle: "comma" | "pipes" | "lines" | "tags";
  /** Degree and field joined as "B.S. in Computer Science" (" in ") or "B.S., Computer Science" (", "). */
  degreeJoin: " in " | ", ";
  /** Label before the phone ("Tel: ", "Mobile: "), empty for none. */
  phoneLabel?: string;
  /** Separator between contact items on one line. */
  contactSeparator?: string;
  /** The sidebar of the sidebar layout is on this side. */
  sidebarSide?: "left" | "right";
  /** Accent colour of the layouts that use one. */
  accent?: string;
  /** Main font family (CSS / LibreOffice name) where the layout lets it vary. */
  font?: string;
}

export interface Person {
  slug: string;
  generator: Generator;
  layout: Layout;
  /** Rasterise the rendered PDF into an image-only PDF ("scanned"): no text layer. */
  scan?: { dpi: number; degrade: boolean };
  /** Expected page count. */
  pages: 1 | 2;
  /** What is special about this resume, for the manifest. */
  special: string[];
  role: string;
  seniority: "new-grad" | "junior" | "mid" | "senior" | "staff";
  /** Country for the national phone format (ISO 3166 alpha-2). */
  country: string;

  name: string;
  /** Printed under the name; not part of the ground truth. */
  headline?: string;
  /** Ground truth is this in lower case; printed as is (may have capitals). */
  email: string;
  /** As printed; its E.164 form is the ground truth phone. */
  phonePrinted: string;
  phone: string;
  location: string | null;
  links: Link[];
  summary: string | null;
  experience: Job[];
  education: School[];
  skills: SkillGroup[];
  projects: Project[];
  extras?: ExtraSection[];
  hints: Hints;
}
