// HTML renderers: the Chromium layouts (printed with --print-to-pdf) and the plain HTML that LibreOffice Writer opens.

import {
  type ContactItem,
  contactItems,
  eduStyle,
  pageSize,
  printDegree,
  printedSections,
  printGpa,
  printHeading,
  printRange,
  printSkillGroup,
  skillSeparator,
} from "./model.ts";
import type { ExtraSection, Job, Person, School, SectionKind } from "./types.ts";

const FONT_AWESOME = "file:///usr/share/fonts-font-awesome/fonts/fontawesome-webfont.ttf";

export const esc = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const cssString = (text: string): string => `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

function page(person: Person, css: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(person.name)} – Resume</title>
<style>
@page { size: ${pageSize(person)}; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { color: #222; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
ul { margin: 0; padding: 0; list-style: none; }
p { margin: 0; }
a { color: inherit; text-decoration: none; }
.right { float: right; }
${css}
</style></head>
<body>
${body}
</body></html>
`;
}

const dates = (person: Person, job: Job): string => printRange(job.start, job.end, person.hints.dateStyle);
const eduDates = (person: Person, school: School): string =>
  printRange(school.start, school.end, eduStyle(person.hints), school.expected);

function bullets(person: Person, job: Job, glyph = person.hints.bullet): string {
  const items = job.bullets.map((text) => `<li><span class="bu">${esc(glyph)}</span>${esc(text)}</li>`);
  return `<ul class="bullets">${items.join("")}</ul>`;
}

function heading(person: Person, kind: SectionKind | string, tag = "h2"): string {
  const smallcaps = person.hints.headingCase === "smallcaps" ? ' class="sc"' : "";
  return `<${tag}${smallcaps}>${esc(printHeading(kind, person.hints))}</${tag}>`;
}

function skillsBody(person: Person): string {
  const style = person.hints.skillsStyle;
  if (style === "tags") {
    const tags = person.skills.flatMap((group) =>
      group.items.map((item) => `<span class="tag">${esc(item)}</span>`),
    );
    return `<p class="tags">${tags.join(" ")}</p>`;
  }
  if (style === "lines") {
    return person.skills
      .map((group) => {
        const label = group.label ? `<p class="label">${esc(group.label)}</p>` : "";
        return `${label}<ul class="lines">${group.items.map((item) => `<li>${esc(item)}</li>`).join("")}</ul>`;
      })
      .join("");
  }
  const separator = skillSeparator(person.hints);
  return person.skills
    .map((group) => {
      const items = esc(group.items.join(separator));
      return group.label ? `<p><b>${esc(group.label)}:</b> ${items}</p>` : `<p>${items}</p>`;
    })
    .join("");
}

function projectsBody(person: Person, separator = " — "): string {
  return person.projects
    .map(
      (project) =>
        `<p class="project"><b>${esc(project.name)}</b>${separator}${esc(project.description)}</p>`,
    )
    .join("");
}

function extrasBody(extra: ExtraSection): string {
  return extra.lines.map((line) => `<p>${esc(line)}</p>`).join("");
}

function contactLine(items: ContactItem[], separator: string): string {
  return items.map((item) => contactText(item)).join(esc(separator));
}

function contactText(item: ContactItem): string {
  return item.href && item.kind === "link"
    ? `<a href="${esc(item.href)}">${esc(item.text)}</a>`
    : esc(item.text);
}

/** Renders the printed sections, asking the layout for each section's body. */
function sections(
  person: Person,
  body: (kind: SectionKind) => string,
  wrap: (kind: SectionKind | string, title: string, inner: string) => string,
  skip: SectionKind[] = [],
  extras: ExtraSection[] = person.extras ?? [],
): string {
  const parts = printedSections(person)
    .filter((kind) => !skip.includes(kind))
    .map((kind) => wrap(kind, heading(person, kind), body(kind)));
  for (const extra of extras)
    parts.push(wrap(extra.heading, heading(person, extra.heading), extrasBody(extra)));
  return parts.join("\n");
}

// ---------------------------------------------------------------------------------------------------------------
// classic: one column, name centred, company line with dates on the right, title in italics.

function classic(person: Person): string {
  const font = person.hints.font ?? "Liberation Sans";
  const css = `
@page { margin: 0.55in 0.6in; }
body { font-family: "${font}"; font-size: 10pt; line-height: 1.32; }
header { text-align: center; margin-bottom: 8px; }
h1 { font-size: 21pt; margin: 0; font-weight: bold; }
.headline { font-size: 11pt; color: #444; margin-top: 1px; }
.contact { font-size: 9pt; margin-top: 4px; }
h2 { font-size: 11pt; margin: 10px 0 4px; padding-bottom: 1px; border-bottom: 1px solid #555; }
h2.sc { font-variant: small-caps; }
.job, .school { margin-bottom: 6px; break-inside: avoid; }
.row::after { content: ""; display: block; clear: both; }
.company { font-weight: bold; }
.title { font-style: italic; }
.bullets li { padding-left: 14px; text-indent: -10px; margin: 1px 0; }
.bu { display: inline-block; width: 10px; text-indent: 0; }
.project { margin-bottom: 3px; }
section { break-inside: auto; }
`;
  const body = (kind: SectionKind): string => {
    switch (kind) {
      case "summary":
        return `<p>${esc(person.summary ?? "")}</p>`;
      case "experience":
        return person.experience
          .map(
            (job) => `<div class="job"><div class="row"><span class="company">${esc(job.company)}</span>${
              job.place ? ` — ${esc(job.place)}` : ""
            }<span class="right">${esc(dates(person, job))}</span></div>
<div class="title">${esc(job.title)}</div>${bullets(person, job)}</div>`,
          )
          .join("\n");
      case "education":
        return person.education
          .map((school) => {
            const gpa = printGpa(school);
            return `<div class="school"><div class="row"><span class="company">${esc(school.institution)}</span><span class="right">${esc(eduDates(person, school))}</span></div>
<div>${esc(printDegree(school, person.hints))}${gpa ? ` · ${esc(gpa)}` : ""}</div></div>`;
          })
          .join("\n");
      case "skills":
        return skillsBody(person);
      case "projects":
        return projectsBody(person);
    }
  };
  const header = `<header><h1>${esc(person.name)}</h1>${
    person.headline ? `<div class="headline">${esc(person.headline)}</div>` : ""
  }<div class="contact">${contactLine(contactItems(person), person.hints.contactSeparator ?? " | ")}</div></header>`;
  const main = sections(person, body, (_kind, title, inner) => `<section>${title}${inner}</section>`);
  return page(person, css, `${header}\n${main}`);
}

// ---------------------------------------------------------------------------------------------------------------
// sidebar: two columns; the sidebar holds contact, skills, education and side extras.

function sidebar(person: Person): string {
  const accent = person.hints.accent ?? "#1f4e79";
  const left = (person.hints.sidebarSide ?? "left") === "left";
  const css = `
@page { margin: 0; }
body { font-family: "Liberation Sans"; font-size: 9.5pt; line-height: 1.33; }
.wrap { display: grid; grid-template-columns: ${left ? "2.35in 1fr" : "1fr 2.35in"}; min-height: ${
    pageSize(person) === "A4" ? "297mm" : "11in"
  }; }
aside { background: #eef2f6; padding: 0.55in 0.25in 0.4in 0.35in; ${left ? "" : "order: 2;"} }
main { padding: 0.5in 0.45in 0.4in 0.35in; }
h1 { font-size: 22pt; margin: 0; color: ${accent}; }
.headline { font-size: 11.5pt; color: #555; margin: 2px 0 8px; }
h2 { font-size: 10.5pt; color: ${accent}; margin: 12px 0 5px; border-bottom: 1.5px solid ${accent}; padding-bottom: 1px; }
aside h2 { margin-top: 14px; }
aside p, aside li { margin-bottom: 3px; word-break: break-word; }
.job { margin-bottom: 8px; }
.jt { font-weight: bold; font-size: 10.5pt; }
.jc { color: #333; }
.jd { color: #666; font-size: 8.5pt; }
.bullets li { padding-left: 12px; text-indent: -9px; margin: 1px 0; }
.bu { display: inline-block; width: 9px; text-indent: 0; color: ${accent}; }
.school { margin-bottom: 6px; }
.school b { display: block; }
.lines li { margin: 1px 0; }
.project { margin-bottom: 3px; }
`;
  const contact = contactItems(person)
    .map((item) => `<p>${contactText(item)}</p>`)
    .join("");
  const side: SectionKind[] = ["skills", "education"];
  const sideBody = (kind: SectionKind): string => {
    if (kind === "skills") return skillsBody(person);
    return person.education
      .map((school) => {
        const gpa = printGpa(school);
        return `<div class="school"><b>${esc(school.institution)}</b><p>${esc(printDegree(school, person.hints))}</p><p class="jd">${esc(
          eduDates(person, school),
        )}</p>${gpa ? `<p>${esc(gpa)}</p>` : ""}</div>`;
      })
      .join("");
  };
  const sideSections = printedSections(person)
    .filter((kind) => side.includes(kind))
    .map((kind) => `${heading(person, kind)}${sideBody(kind)}`)
    .join("\n");
  const sideExtras = (person.extras ?? [])
    .filter((extra) => extra.side)
    .map((extra) => `${heading(person, extra.heading)}${extrasBody(extra)}`)
    .join("\n");
  const aside = `<aside>${heading(person, "Contact")}${contact}\n${sideSections}\n${sideExtras}</aside>`;
  const mainBody = (kind: SectionKind): string => {
    switch (kind) {
      case "summary":
        return `<p>${esc(person.summary ?? "")}</p>`;
      case "experience":
        return person.experience
          .map(
            (job) =>
              `<div class="job"><div class="jt">${esc(job.title)}</div><div class="jc">${esc(job.company)}${
                job.place ? ` · ${esc(job.place)}` : ""
              }</div><div class="jd">${esc(dates(person, job))}</div>${bullets(person, job)}</div>`,
          )
          .join("\n");
      case "projects":
        return projectsBody(person, ": ");
      default:
        return "";
    }
  };
  const mainSections = sections(
    person,
    mainBody,
    (_kind, title, inner) => `<section>${title}${inner}</section>`,
    side,
    (person.extras ?? []).filter((extra) => !extra.side),
  );
  const header = `<h1>${esc(person.name)}</h1>${person.headline ? `<div class="headline">${esc(person.headline)}</div>` : ""}`;
  return page(person, css, `<div class="wrap">${aside}<main>${header}\n${mainSections}</main></div>`);
}

// ---------------------------------------------------------------------------------------------------------------
// latex: Computer Modern / Latin Modern, small caps, rules under headings, dates flush right on the company line.

function latex(person: Person): string {
  const font = person.hints.font ?? "CMU Serif";
  const css = `
@page { margin: 0.6in 0.65in; }
body { font-family: "${font}"; font-size: 10.5pt; line-height: 1.28; text-align: justify; }
header { text-align: center; margin-bottom: 6px; }
h1 { font-family: "Latin Modern Roman Caps", "${font}"; font-weight: normal; font-size: 24pt; margin: 0; letter-spacing: 0.02em; }
.contact { font-size: 9.5pt; margin-top: 2px; }
h2 { font-size: 12pt; font-weight: normal; margin: 9px 0 4px; border-bottom: 0.6px solid #000; padding-bottom: 1px; }
h2.sc { font-family: "Latin Modern Roman Caps", "${font}"; font-size: 12.5pt; }
.line { display: flex; justify-content: space-between; align-items: baseline; text-align: left; }
.job, .school { margin-bottom: 5px; }
.bullets { margin: 1px 0 0 14px; }
.bullets li { padding-left: 12px; text-indent: -10px; margin: 0.5px 0; }
.bu { display: inline-block; width: 10px; text-indent: 0; font-size: 8pt; vertical-align: 1px; }
.project { margin-bottom: 2px; }
`;
  const body = (kind: SectionKind): string => {
    switch (kind) {
      case "summary":
        return `<p>${esc(person.summary ?? "")}</p>`;
      case "experience":
        return person.experience
          .map(
            (
              job,
            ) => `<div class="job"><div class="line"><b>${esc(job.company)}</b><span>${esc(dates(person, job))}</span></div>
<div class="line"><i>${esc(job.title)}</i><i>${esc(job.place ?? "")}</i></div>${bullets(person, job, "•")}</div>`,
          )
          .join("\n");
      case "education":
        return person.education
          .map((school) => {
            const gpa = printGpa(school);
            return `<div class="school"><div class="line"><b>${esc(school.institution)}</b><span>${esc(eduDates(person, school))}</span></div>
<div class="line"><i>${esc(printDegree(school, person.hints))}</i><span>${esc(gpa ?? school.place ?? "")}</span></div></div>`;
          })
          .join("\n");
      case "skills":
        return skillsBody(person);
      case "projects":
        return projectsBody(person, ": ");
    }
  };
  const contact = contactLine(contactItems(person), person.hints.contactSeparator ?? " | ");
  const header = `<header><h1>${esc(person.name)}</h1><div class="contact">${contact}</div></header>`;
  const main = sections(person, body, (_kind, title, inner) => `<section>${title}${inner}</section>`);
  return page(person, css, `${header}\n${main}`);
}

// ---------------------------------------------------------------------------------------------------------------
// table: header in a two-cell table, experience and education as bordered tables (dates | role).

function table(person: Person): string {
  const accent = person.hints.accent ?? "#0b6e4f";
  const font = person.hints.font ?? "Liberation Sans";
  const css = `
@page { margin: 0.5in 0.55in; }
body { font-family: "${font}"; font-size: 9.8pt; line-height: 1.3; }
table { border-collapse: collapse; width: 100%; }
.head td { vertical-align: bottom; padding: 0 0 6px; }
.head h1 { margin: 0; font-size: 22pt; color: ${accent}; }
.head .headline { font-size: 11pt; }
.head .contact { text-align: right; font-size: 8.8pt; }
h2 { font-size: 10.5pt; color: #fff; background: ${accent}; padding: 2px 6px; margin: 10px 0 4px; }
h2.sc { font-variant: small-caps; }
.grid td { border: 0.75px solid #b0b0b0; padding: 4px 6px; vertical-align: top; }
.grid th { border: 0.75px solid #b0b0b0; background: #f0f0f0; font-size: 8.5pt; text-align: left; padding: 2px 6px; }
.grid td.when { width: 1.45in; font-size: 9pt; color: #333; }
.bullets li { padding-left: 11px; text-indent: -9px; margin: 1px 0; }
.bu { display: inline-block; width: 9px; text-indent: 0; }
.project { margin-bottom: 3px; }
`;
  const body = (kind: SectionKind): string => {
    switch (kind) {
      case "summary":
        return `<p>${esc(person.summary ?? "")}</p>`;
      case "experience": {
        const rows = person.experience.map(
          (job) =>
            `<tr><td class="when">${esc(dates(person, job))}${job.place ? `<br>${esc(job.place)}` : ""}</td><td><b>${esc(
              job.title,
            )}</b><br>${esc(job.company)}${bullets(person, job)}</td></tr>`,
        );
        return `<table class="grid"><tr><th>Dates</th><th>Position</th></tr>${rows.join("\n")}</table>`;
      }
      case "education": {
        const rows = person.education.map((school) => {
          const gpa = printGpa(school);
          return `<tr><td class="when">${esc(eduDates(person, school))}</td><td><b>${esc(school.institution)}</b><br>${esc(
            printDegree(school, person.hints),
          )}${gpa ? `<br>${esc(gpa)}` : ""}</td></tr>`;
        });
        return `<table class="grid">${rows.join("\n")}</table>`;
      }
      case "skills":
        return skillsBody(person);
      case "projects":
        return projectsBody(person);
    }
  };
  const contact = contactItems(person)
    .map((item) => contactText(item))
    .join("<br>");
  const header = `<table class="head"><tr><td><h1>${esc(person.name)}</h1>${
    person.headline ? `<div class="headline">${esc(person.headline)}</div>` : ""
  }</td><td class="contact">${contact}</td></tr></table>`;
  const main = sections(person, body, (_kind, title, inner) => `<section>${title}${inner}</section>`);
  return page(person, css, `${header}\n${main}`);
}

// ---------------------------------------------------------------------------------------------------------------
// icons: Font Awesome glyphs (embedded from the Debian package through @font-face) before each contact item.

function icons(person: Person): string {
  const accent = person.hints.accent ?? "#7a1f5c";
  const css = `
@font-face { font-family: "FontAwesome"; src: url("${FONT_AWESOME}") format("truetype"); }
@page { margin: 0.5in 0.6in; }
body { font-family: "Noto Sans", "DejaVu Sans"; font-size: 9.6pt; line-height: 1.35; }
h1 { font-size: 24pt; margin: 0; color: ${accent}; font-weight: 700; }
.headline { font-size: 12pt; color: #555; margin-bottom: 6px; }
.contact { display: flex; flex-wrap: wrap; gap: 3px 16px; font-size: 8.8pt; padding: 5px 0; border-top: 1px solid #ddd; border-bottom: 1px solid #ddd; }
.fa { font-family: "FontAwesome"; color: ${accent}; margin-right: 4px; font-size: 10pt; }
h2 { font-size: 11pt; color: ${accent}; margin: 11px 0 4px; letter-spacing: 0.03em; }
h2.sc { font-variant: small-caps; }
.job { margin-bottom: 7px; }
.jt { font-weight: 700; font-size: 10.3pt; }
.row::after { content: ""; display: block; clear: both; }
.jd { color: ${accent}; font-size: 9pt; }
.bullets li { padding-left: 13px; text-indent: -10px; margin: 1px 0; }
.bu { display: inline-block; width: 10px; text-indent: 0; color: ${accent}; }
.tag { display: inline-block; border: 1px solid ${accent}; border-radius: 8px; padding: 0 7px; margin: 0 2px 4px 0; font-size: 8.8pt; }
.school { margin-bottom: 5px; }
.project { margin-bottom: 3px; }
`;
  const body = (kind: SectionKind): string => {
    switch (kind) {
      case "summary":
        return `<p>${esc(person.summary ?? "")}</p>`;
      case "experience":
        return person.experience
          .map(
            (job) =>
              `<div class="job"><div class="jt">${esc(job.title)}</div><div class="row">${esc(job.company)}${
                job.place ? ` — ${esc(job.place)}` : ""
              }<span class="right jd">${esc(dates(person, job))}</span></div>${bullets(person, job, "▸")}</div>`,
          )
          .join("\n");
      case "education":
        return person.education
          .map((school) => {
            const gpa = printGpa(school);
            return `<div class="school row"><b>${esc(printDegree(school, person.hints))}</b><span class="right jd">${esc(
              eduDates(person, school),
            )}</span><br>${esc(school.institution)}${gpa ? ` — ${esc(gpa)}` : ""}</div>`;
          })
          .join("\n");
      case "skills":
        return skillsBody(person);
      case "projects":
        return projectsBody(person);
    }
  };
  const contact = contactItems(person)
    .map((item) => `<span><span class="fa">${item.icon}</span>${contactText(item)}</span>`)
    .join("");
  const header = `<h1>${esc(person.name)}</h1>${
    person.headline ? `<div class="headline">${esc(person.headline)}</div>` : ""
  }<div class="contact">${contact}</div>`;
  const main = sections(person, body, (_kind, title, inner) => `<section>${title}${inner}</section>`);
  return page(person, css, `${header}\n${main}`);
}

// ---------------------------------------------------------------------------------------------------------------
// modern: full-bleed coloured header band, accent headings with a left bar.

function modern(person: Person): string {
  const accent = person.hints.accent ?? "#c2185b";
  const font = person.hints.font ?? "Noto Sans";
  const css = `
@page { margin: 0; }
body { font-family: "${font}"; font-size: 9.5pt; line-height: 1.36; }
.band { background: ${accent}; color: #fff; padding: 0.42in 0.6in 0.25in; }
.band h1 { margin: 0; font-size: 25pt; font-weight: 700; }
.band .headline { font-size: 12pt; opacity: 0.92; margin: 1px 0 7px; }
.band .contact { font-size: 8.8pt; }
.content { padding: 0.15in 0.6in 0.4in; }
h2 { font-size: 11.5pt; color: ${accent}; border-left: 4px solid ${accent}; padding-left: 7px; margin: 12px 0 5px; }
h2.sc { font-variant: small-caps; }
.job { margin-bottom: 7px; }
.row::after { content: ""; display: block; clear: both; }
.jt { color: ${accent}; }
.jd { color: #666; }
.bullets li { padding-left: 13px; text-indent: -10px; margin: 1px 0; }
.bu { display: inline-block; width: 10px; text-indent: 0; color: ${accent}; }
.school { margin-bottom: 5px; }
.project { margin-bottom: 3px; }
`;
  const body = (kind: SectionKind): string => {
    switch (kind) {
      case "summary":
        return `<p>${esc(person.summary ?? "")}</p>`;
      case "experience":
        return person.experience
          .map(
            (job) =>
              `<div class="job"><div class="row"><b>${esc(job.company)}</b>${
                job.place ? `, ${esc(job.place)}` : ""
              }<span class="right jd">${esc(dates(person, job))}</span></div><div class="jt">${esc(job.title)}</div>${bullets(
                person,
                job,
              )}</div>`,
          )
          .join("\n");
      case "education":
        return person.education
          .map((school) => {
            const gpa = printGpa(school);
            return `<div class="school row"><b>${esc(school.institution)}</b><span class="right jd">${esc(
              eduDates(person, school),
            )}</span><br>${esc(printDegree(school, person.hints))}${gpa ? ` (${esc(gpa)})` : ""}</div>`;
          })
          .join("\n");
      case "skills":
        return skillsBody(person);
      case "projects":
        return projectsBody(person);
    }
  };
  const header = `<div class="band"><h1>${esc(person.name)}</h1>${
    person.headline ? `<div class="headline">${esc(person.headline)}</div>` : ""
  }<div class="contact">${contactLine(contactItems(person), "   •   ")}</div></div>`;
  const main = sections(person, body, (_kind, title, inner) => `<section>${title}${inner}</section>`);
  return page(person, css, `${header}<div class="content">${main}</div>`);
}

// ---------------------------------------------------------------------------------------------------------------
// compact: section headings in a left gutter column, name left and contact stacked on the right.

function compact(person: Person): string {
  const accent = person.hints.accent ?? "#283593";
  const css = `
@page { margin: 0.5in 0.55in; }
body { font-family: "Liberation Sans"; font-size: 9.6pt; line-height: 1.3; }
.top { display: flex; justify-content: space-between; align-items: flex-end; border-bottom: 2px solid ${accent}; padding-bottom: 6px; margin-bottom: 4px; }
.top h1 { margin: 0; font-size: 24pt; color: ${accent}; }
.top .contact { text-align: right; font-size: 8.8pt; }
section { display: grid; grid-template-columns: 1.15in 1fr; column-gap: 12px; padding: 6px 0; border-bottom: 0.5px solid #ccc; }
h2 { font-size: 9.5pt; color: ${accent}; margin: 1px 0 0; letter-spacing: 0.04em; }
h2.sc { font-variant: small-caps; }
.entry { margin-bottom: 5px; }
.row::after { content: ""; display: block; clear: both; }
.bullets li { padding-left: 12px; text-indent: -9px; margin: 1px 0; }
.bu { display: inline-block; width: 9px; text-indent: 0; }
.project { margin-bottom: 3px; }
`;
  const body = (kind: SectionKind): string => {
    switch (kind) {
      case "summary":
        return `<p>${esc(person.summary ?? "")}</p>`;
      case "experience":
        return person.experience
          .map(
            (job) =>
              `<div class="entry"><div class="row"><b>${esc(job.company)}</b> — <i>${esc(job.title)}</i><span class="right">${esc(
                dates(person, job),
              )}</span></div>${bullets(person, job)}</div>`,
          )
          .join("\n");
      case "education":
        return person.education
          .map((school) => {
            const gpa = printGpa(school);
            return `<div class="entry"><div class="row"><b>${esc(school.institution)}</b><span class="right">${esc(
              eduDates(person, school),
            )}</span></div><div>${esc(printDegree(school, person.hints))}${gpa ? `; ${esc(gpa)}` : ""}</div></div>`;
          })
          .join("\n");
      case "skills":
        return skillsBody(person);
      case "projects":
        return projectsBody(person);
    }
  };
  const contact = contactItems(person)
    .map((item) => contactText(item))
    .join("<br>");
  const header = `<div class="top"><h1>${esc(person.name)}</h1><div class="contact">${contact}</div></div>`;
  const main = sections(
    person,
    body,
    (_kind, title, inner) => `<section>${title}<div>${inner}</div></section>`,
  );
  return page(person, css, `${header}\n${main}`);
}

// ---------------------------------------------------------------------------------------------------------------
// page-header: contact details only in the page's top margin box (CSS @page), page number in the bottom one.

function pageHeader(person: Person): string {
  const contact = contactItems(person)
    .map((item) => item.text)
    .join(person.hints.contactSeparator ?? " · ");
  const font = person.hints.font ?? "Liberation Sans";
  const css = `
@page {
  margin: 0.85in 0.65in 0.7in;
  @top-center { content: ${cssString(contact)}; font-family: "${font}"; font-size: 8.5pt; color: #333; vertical-align: bottom; padding-bottom: 10px; border-bottom: 0.5px solid #999; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font-family: "${font}"; font-size: 8pt; color: #666; }
}
body { font-family: "${font}"; font-size: 10pt; line-height: 1.33; }
h1 { font-size: 20pt; margin: 0; }
.headline { font-size: 11pt; color: #555; margin-bottom: 6px; }
h2 { font-size: 12pt; margin: 11px 0 4px; color: #8b0000; }
h2.sc { font-variant: small-caps; }
.job, .school { margin-bottom: 6px; }
.row::after { content: ""; display: block; clear: both; }
.bullets li { padding-left: 14px; text-indent: -10px; margin: 1px 0; }
.bu { display: inline-block; width: 10px; text-indent: 0; }
`;
  const body = (kind: SectionKind): string => {
    switch (kind) {
      case "summary":
        return `<p>${esc(person.summary ?? "")}</p>`;
      case "experience":
        return person.experience
          .map(
            (job) =>
              `<div class="job"><div class="row"><b>${esc(job.title)}</b>, ${esc(job.company)}${
                job.place ? ` (${esc(job.place)})` : ""
              }<span class="right">${esc(dates(person, job))}</span></div>${bullets(person, job)}</div>`,
          )
          .join("\n");
      case "education":
        return person.education
          .map((school) => {
            const gpa = printGpa(school);
            return `<div class="school row"><b>${esc(printDegree(school, person.hints))}</b>, ${esc(school.institution)}${
              gpa ? ` — ${esc(gpa)}` : ""
            }<span class="right">${esc(eduDates(person, school))}</span></div>`;
          })
          .join("\n");
      case "skills":
        return skillsBody(person);
      case "projects":
        return projectsBody(person);
    }
  };
  const header = `<h1>${esc(person.name)}</h1>${person.headline ? `<div class="headline">${esc(person.headline)}</div>` : ""}`;
  const main = sections(person, body, (_kind, title, inner) => `<section>${title}${inner}</section>`);
  return page(person, css, `${header}\n${main}`);
}

// ---------------------------------------------------------------------------------------------------------------
// lo-html: plain HTML 4 as a word processor user would save it; LibreOffice Writer lays it out.

export function loHtml(person: Person): string {
  const font = person.hints.font ?? "Liberation Serif";
  const f = `font-family: '${font}'`;
  const separator = skillSeparator(person.hints);
  const parts: string[] = [];
  const h = (kind: SectionKind | string) =>
    `<h2 style="${f}; font-size: 12pt; margin-top: 10pt; margin-bottom: 3pt; border-bottom: 1px solid #000000">${esc(
      printHeading(kind, person.hints),
    )}</h2>`;
  const pStyle = `style="${f}; font-size: 10pt; margin-top: 0; margin-bottom: 2pt"`;
  for (const kind of printedSections(person)) {
    parts.push(h(kind));
    switch (kind) {
      case "summary":
        parts.push(`<p ${pStyle}>${esc(person.summary ?? "")}</p>`);
        break;
      case "experience":
        for (const job of person.experience) {
          parts.push(
            `<table width="100%" cellpadding="0" cellspacing="0" border="0"><tr><td width="70%"><p ${pStyle}><b>${esc(
              job.company,
            )}</b>${job.place ? `, ${esc(job.place)}` : ""}</p></td><td width="30%" align="right"><p ${pStyle} align="right">${esc(
              dates(person, job),
            )}</p></td></tr></table>`,
          );
          parts.push(`<p ${pStyle}><i>${esc(job.title)}</i></p>`);
          parts.push(
            `<ul style="margin-top: 0; margin-bottom: 4pt">${job.bullets
              .map((text) => `<li><p ${pStyle}>${esc(text)}</p></li>`)
              .join("")}</ul>`,
          );
        }
        break;
      case "education":
        for (const school of person.education) {
          const gpa = printGpa(school);
          parts.push(
            `<table width="100%" cellpadding="0" cellspacing="0" border="0"><tr><td width="70%"><p ${pStyle}><b>${esc(
              school.institution,
            )}</b></p></td><td width="30%" align="right"><p ${pStyle} align="right">${esc(eduDates(person, school))}</p></td></tr></table>`,
          );
          parts.push(
            `<p ${pStyle}>${esc(printDegree(school, person.hints))}${gpa ? `. ${esc(gpa)}` : ""}</p>`,
          );
        }
        break;
      case "skills":
        for (const group of person.skills)
          parts.push(`<p ${pStyle}>${esc(printSkillGroup(group, separator))}</p>`);
        break;
      case "projects":
        for (const project of person.projects) {
          parts.push(`<p ${pStyle}><b>${esc(project.name)}</b> – ${esc(project.description)}</p>`);
        }
        break;
    }
  }
  for (const extra of person.extras ?? []) {
    parts.push(h(extra.heading));
    for (const line of extra.lines) parts.push(`<p ${pStyle}>${esc(line)}</p>`);
  }
  const contact = contactItems(person)
    .map((item) => contactText(item))
    .join(" &nbsp;|&nbsp; ");
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"><title>${esc(person.name)}</title>
<style type="text/css">@page { size: ${pageSize(person) === "A4" ? "21cm 29.7cm" : "8.5in 11in"}; margin: 1.8cm 2cm }</style></head>
<body lang="en-GB">
<p align="center" style="${f}; font-size: 20pt; margin-bottom: 0"><b>${esc(person.name)}</b></p>
${person.headline ? `<p align="center" style="${f}; font-size: 11pt; margin-top: 0; margin-bottom: 2pt">${esc(person.headline)}</p>` : ""}
<p align="center" style="${f}; font-size: 9pt; margin-top: 0">${contact}</p>
${parts.join("\n")}
</body></html>
`;
}

export type ChromiumLayout =
  | "classic"
  | "sidebar"
  | "latex"
  | "table"
  | "icons"
  | "modern"
  | "compact"
  | "page-header";

export const CHROMIUM_LAYOUTS: Record<ChromiumLayout, (person: Person) => string> = {
  classic,
  sidebar,
  latex,
  table,
  icons,
  modern,
  compact,
  "page-header": pageHeader,
};
