// Flat OpenDocument text (.fodt) renderer: LibreOffice converts it to PDF with its own text layout.
// fodt-tabs: dates pushed to the right margin by a right tab stop, as people do in word processors.
// fodt-footer: the same body, but the contact details only in the footer of the master page.

import {
  contactItems,
  eduStyle,
  pageSize,
  printDegree,
  printedSections,
  printGpa,
  printHeading,
  printRange,
  skillSeparator,
} from "./model.ts";
import type { Person, SectionKind } from "./types.ts";

export const xml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const NS = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"',
  'xmlns:xlink="http://www.w3.org/1999/xlink"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
].join(" ");

export function fodt(person: Person): string {
  const footer = person.layout === "fodt-footer";
  const a4 = pageSize(person) === "A4";
  const width = a4 ? 21 : 21.59;
  const height = a4 ? 29.7 : 27.94;
  const margin = 1.9;
  const tab = (width - 2 * margin).toFixed(2);
  const font = person.hints.font ?? "Liberation Serif";
  const smallCaps = person.hints.headingCase === "smallcaps" ? ' fo:font-variant="small-caps"' : "";
  const bullet = person.hints.bullet;
  const separator = skillSeparator(person.hints);

  const p = (style: string, content: string) => `<text:p text:style-name="${style}">${content}</text:p>`;
  const span = (style: string, content: string) =>
    `<text:span text:style-name="${style}">${content}</text:span>`;
  const body: string[] = [];

  body.push(p("Name", xml(person.name)));
  if (person.headline) body.push(p("Headline", xml(person.headline)));
  const contact = contactItems(person).map((item) =>
    item.kind === "link" && item.href
      ? `<text:a xlink:type="simple" xlink:href="${xml(item.href)}">${xml(item.text)}</text:a>`
      : xml(item.text),
  );
  if (!footer) body.push(p("Contact", contact.join(" | ")));

  const heading = (kind: SectionKind | string) => p("SectionHeading", xml(printHeading(kind, person.hints)));
  const list = (items: string[]) =>
    `<text:list text:style-name="Bullets">${items
      .map((item) => `<text:list-item>${p("BulletText", xml(item))}</text:list-item>`)
      .join("")}</text:list>`;

  for (const kind of printedSections(person)) {
    body.push(heading(kind));
    switch (kind) {
      case "summary":
        body.push(p("Body", xml(person.summary ?? "")));
        break;
      case "experience":
        for (const job of person.experience) {
          const place = job.place ? `, ${xml(job.place)}` : "";
          body.push(
            p(
              "EntryHead",
              `${span("Bold", xml(job.company))}${place}<text:tab/>${xml(printRange(job.start, job.end, person.hints.dateStyle))}`,
            ),
          );
          body.push(p("EntrySub", span("Italic", xml(job.title))));
          body.push(list(job.bullets));
        }
        break;
      case "education":
        for (const school of person.education) {
          const gpa = printGpa(school);
          body.push(
            p(
              "EntryHead",
              `${span("Bold", xml(school.institution))}<text:tab/>${xml(
                printRange(school.start, school.end, eduStyle(person.hints), school.expected),
              )}`,
            ),
          );
          body.push(p("EntrySub", `${xml(printDegree(school, person.hints))}${gpa ? ` — ${xml(gpa)}` : ""}`));
        }
        break;
      case "skills":
        for (const group of person.skills) {
          const items = xml(group.items.join(separator));
          body.push(p("Body", group.label ? `${span("Bold", `${xml(group.label)}:`)} ${items}` : items));
        }
        break;
      case "projects":
        for (const project of person.projects) {
          body.push(p("Body", `${span("Bold", xml(project.name))} — ${xml(project.description)}`));
        }
        break;
    }
  }
  for (const extra of person.extras ?? []) {
    body.push(heading(extra.heading));
    for (const line of extra.lines) body.push(p("Body", xml(line)));
  }

  const footerXml = footer
    ? `<style:footer>${p("Footer", `${xml(person.name)} · ${contact.join(" · ")}`)}</style:footer>`
    : "";

  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document ${NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>${xml(person.name)} – Resume</dc:title><meta:generator>rehearse corpus</meta:generator></office:meta>
<office:font-face-decls>
<style:font-face style:name="${xml(font)}" svg:font-family="'${xml(font)}'" style:font-pitch="variable"/>
</office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph">
<style:paragraph-properties fo:orphans="2" fo:widows="2"/>
<style:text-properties style:font-name="${xml(font)}" fo:font-size="10pt" fo:language="en" fo:country="US" fo:hyphenate="false"/>
</style:default-style>
<style:style style:name="Standard" style:family="paragraph" style:class="text"/>
<style:style style:name="Name" style:family="paragraph" style:parent-style-name="Standard">
<style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.05cm"/>
<style:text-properties fo:font-size="20pt" fo:font-weight="bold"/>
</style:style>
<style:style style:name="Headline" style:family="paragraph" style:parent-style-name="Standard">
<style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.08cm"/>
<style:text-properties fo:font-size="11.5pt" fo:color="#444444"/>
</style:style>
<style:style style:name="Contact" style:family="paragraph" style:parent-style-name="Standard">
<style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.2cm"/>
<style:text-properties fo:font-size="9pt"/>
</style:style>
<style:style style:name="SectionHeading" style:family="paragraph" style:parent-style-name="Standard">
<style:paragraph-properties fo:margin-top="0.32cm" fo:margin-bottom="0.12cm" fo:border-bottom="0.75pt solid #000000" fo:padding-bottom="0.03cm" fo:keep-with-next="always"/>
<style:text-properties fo:font-size="12pt" fo:font-weight="bold"${smallCaps}/>
</style:style>
<style:style style:name="EntryHead" style:family="paragraph" style:parent-style-name="Standard">
<style:paragraph-properties fo:margin-top="0.12cm" fo:keep-with-next="always">
<style:tab-stops><style:tab-stop style:position="${tab}cm" style:type="right"/></style:tab-stops>
</style:paragraph-properties>
</style:style>
<style:style style:name="EntrySub" style:family="paragraph" style:parent-style-name="Standard">
<style:paragraph-properties fo:margin-bottom="0.04cm" fo:keep-with-next="always"/>
</style:style>
<style:style style:name="Body" style:family="paragraph" style:parent-style-name="Standard">
<style:paragraph-properties fo:margin-bottom="0.06cm" fo:line-height="115%"/>
</style:style>
<style:style style:name="BulletText" style:family="paragraph" style:parent-style-name="Standard">
<style:paragraph-properties fo:margin-bottom="0.03cm"/>
</style:style>
<style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard">
<style:paragraph-properties fo:text-align="center" fo:border-top="0.5pt solid #808080" fo:padding-top="0.1cm"/>
<style:text-properties fo:font-size="8.5pt"/>
</style:style>
<style:style style:name="Bold" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Italic" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
<text:list-style style:name="Bullets">
<text:list-level-style-bullet text:level="1" text:bullet-char="${xml(bullet)}">
<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">
<style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.9cm" fo:text-indent="-0.45cm" fo:margin-left="0.9cm"/>
</style:list-level-properties>
</text:list-level-style-bullet>
</text:list-style>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="PageLayout">
<style:page-layout-properties fo:page-width="${width}cm" fo:page-height="${height}cm" style:print-orientation="portrait" fo:margin-top="${
    footer ? 1.4 : margin
  }cm" fo:margin-bottom="${footer ? 1.0 : margin}cm" fo:margin-left="${margin}cm" fo:margin-right="${margin}cm"/>
${footer ? '<style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.35cm"/></style:footer-style>' : ""}
</style:page-layout>
</office:automatic-styles>
<office:master-styles>
<style:master-page style:name="Standard" style:page-layout-name="PageLayout">${footerXml}</style:master-page>
</office:master-styles>
<office:body>
<office:text>
${body.join("\n")}
</office:text>
</office:body>
</office:document>
`;
}
