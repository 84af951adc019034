// DOCX renderer: writes a minimal WordprocessingML package (document, styles, numbering, optional header) into a
// zip built with node:zlib, which LibreOffice then converts to PDF. "docx-header" puts the contact details only in
// the page header part, as Word templates often do.

import { crc32, deflateRawSync } from "node:zlib";
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
import { xml } from "./render-fodt.ts";
import type { Person, SectionKind } from "./types.ts";

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

interface Run {
  text?: string;
  tab?: boolean;
  bold?: boolean;
  italic?: boolean;
  size?: number;
  color?: string;
  link?: string;
}

interface ParaOptions {
  style?: string;
  align?: "left" | "center" | "right";
  tabRight?: number;
  after?: number;
  before?: number;
  bullet?: boolean;
  keepNext?: boolean;
}

/** Builds the parts of one .docx package and zips them. */
class DocxWriter {
  private readonly links: string[] = [];

  constructor(private readonly font: string) {}

  run(r: Run): string {
    const props = [
      r.bold ? "<w:b/>" : "",
      r.italic ? "<w:i/>" : "",
      r.color ? `<w:color w:val="${r.color}"/>` : "",
      r.size ? `<w:sz w:val="${r.size * 2}"/><w:szCs w:val="${r.size * 2}"/>` : "",
    ].join("");
    const rPr = props ? `<w:rPr>${props}</w:rPr>` : "";
    const content = r.tab ? "<w:tab/>" : `<w:t xml:space="preserve">${xml(r.text ?? "")}</w:t>`;
    const wr = `<w:r>${rPr}${content}</w:r>`;
    if (!r.link) return wr;
    this.links.push(r.link);
    return `<w:hyperlink r:id="rIdLink${this.links.length}" w:history="1">${wr}</w:hyperlink>`;
  }

  para(options: ParaOptions, runs: Run[]): string {
    const pPr = [
      options.style ? `<w:pStyle w:val="${options.style}"/>` : "",
      options.keepNext ? "<w:keepNext/>" : "",
      options.bullet ? '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>' : "",
      options.tabRight ? `<w:tabs><w:tab w:val="right" w:pos="${options.tabRight}"/></w:tabs>` : "",
      options.before !== undefined || options.after !== undefined
        ? `<w:spacing w:before="${options.before ?? 0}" w:after="${options.after ?? 0}"/>`
        : "",
      options.align ? `<w:jc w:val="${options.align === "center" ? "center" : options.align}"/>` : "",
    ].join("");
    return `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ""}${runs.map((r) => this.run(r)).join("")}</w:p>`;
  }

  package(body: string, sectPr: string, header: string | null, bullet: string): Buffer {
    const symbol = bullet === "\uF0B7";
    const bulletFont = symbol
      ? '<w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:hint="default"/></w:rPr>'
      : "";
    const files: [string, string][] = [
      [
        "[Content_Types].xml",
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>${
          header
            ? '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
            : ""
        }</Types>`,
      ],
      [
        "_rels/.rels",
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`,
      ],
      [
        "word/_rels/document.xml.rels",
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rIdNumbering" Type="${REL}/numbering" Target="numbering.xml"/>${
          header ? `<Relationship Id="rIdHeader" Type="${REL}/header" Target="header1.xml"/>` : ""
        }${this.links
          .map(
            (url, i) =>
              `<Relationship Id="rIdLink${i + 1}" Type="${REL}/hyperlink" Target="${xml(url)}" TargetMode="External"/>`,
          )
          .join("")}</Relationships>`,
      ],
      [
        "word/document.xml",
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${body}${sectPr}</w:body></w:document>`,
      ],
      [
        "word/styles.xml",
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="${W}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="${this.font}" w:hAnsi="${this.font}" w:eastAsia="${this.font}" w:cs="${this.font}"/><w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-US"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="252" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:qFormat/><w:rPr><w:b/><w:sz w:val="44"/><w:szCs w:val="44"/><w:color w:val="1F3864"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="220" w:after="80"/><w:pBdr><w:bottom w:val="single" w:sz="8" w:space="1" w:color="1F3864"/></w:pBdr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:color w:val="1F3864"/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:left="720"/><w:contextualSpacing/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style></w:styles>`,
      ],
      [
        "word/numbering.xml",
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="${W}"><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="${xml(
          bullet,
        )}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="504" w:hanging="288"/></w:pPr>${bulletFont}</w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`,
      ],
    ];
    if (header) {
      files.push([
        "word/header1.xml",
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="${W}" xmlns:r="${R}">${header}</w:hdr>`,
      ]);
    }
    return zip(files.map(([name, text]) => ({ name, data: Buffer.from(text, "utf8") })));
  }
}

export function docx(person: Person): Buffer {
  const inHeader = person.layout === "docx-header";
  const a4 = pageSize(person) === "A4";
  const pageW = a4 ? 11906 : 12240;
  const pageH = a4 ? 16838 : 15840;
  const margin = 1080;
  const textWidth = pageW - 2 * margin;
  const doc = new DocxWriter(person.hints.font ?? "Calibri");
  const separator = skillSeparator(person.hints);
  const out: string[] = [];

  out.push(doc.para({ style: "Title", align: inHeader ? "left" : "center" }, [{ text: person.name }]));
  if (person.headline) {
    out.push(
      doc.para({ align: inHeader ? "left" : "center", after: 60 }, [
        { text: person.headline, size: 12, color: "404040" },
      ]),
    );
  }
  const contact = contactItems(person);
  let header: string | null = null;
  if (inHeader) {
    header = doc.para({ style: "Header" }, [
      { text: contact.map((item) => item.text).join(person.hints.contactSeparator ?? " | ") },
    ]);
  } else {
    const runs: Run[] = [];
    contact.forEach((item, i) => {
      if (i > 0) runs.push({ text: " | ", size: 9 });
      runs.push({
        text: item.text,
        size: 9,
        ...(item.kind === "link" && item.href ? { link: item.href } : {}),
      });
    });
    out.push(doc.para({ align: "center", after: 120 }, runs));
  }

  const heading = (kind: SectionKind | string) =>
    doc.para({ style: "Heading1" }, [{ text: printHeading(kind, person.hints) }]);

  for (const kind of printedSections(person)) {
    out.push(heading(kind));
    switch (kind) {
      case "summary":
        out.push(doc.para({ after: 60 }, [{ text: person.summary ?? "" }]));
        break;
      case "experience":
        for (const job of person.experience) {
          out.push(
            doc.para({ tabRight: textWidth, before: 100, keepNext: true }, [
              { text: job.title, bold: true },
              { text: `, ${job.company}${job.place ? ` – ${job.place}` : ""}` },
              { tab: true },
              { text: printRange(job.start, job.end, person.hints.dateStyle), italic: true },
            ]),
          );
          for (const text of job.bullets)
            out.push(doc.para({ style: "ListParagraph", bullet: true }, [{ text }]));
        }
        break;
      case "education":
        for (const school of person.education) {
          const gpa = printGpa(school);
          out.push(
            doc.para({ tabRight: textWidth, before: 80, keepNext: true }, [
              { text: school.institution, bold: true },
              { tab: true },
              {
                text: printRange(school.start, school.end, eduStyle(person.hints), school.expected),
                italic: true,
              },
            ]),
          );
          out.push(doc.para({}, [{ text: `${printDegree(school, person.hints)}${gpa ? `, ${gpa}` : ""}` }]));
        }
        break;
      case "skills":
        for (const group of person.skills) {
          const runs: Run[] = group.label ? [{ text: `${group.label}: `, bold: true }] : [];
          runs.push({ text: group.items.join(separator) });
          out.push(doc.para({ after: 40 }, runs));
        }
        break;
      case "projects":
        for (const project of person.projects) {
          out.push(
            doc.para({ after: 40 }, [
              { text: project.name, bold: true },
              { text: ` – ${project.description}` },
            ]),
          );
        }
        break;
    }
  }
  for (const extra of person.extras ?? []) {
    out.push(heading(extra.heading));
    for (const line of extra.lines) out.push(doc.para({}, [{ text: line }]));
  }

  const sectPr = `<w:sectPr>${inHeader ? '<w:headerReference w:type="default" r:id="rIdHeader"/>' : ""}<w:pgSz w:w="${pageW}" w:h="${pageH}"/><w:pgMar w:top="${
    inHeader ? 1200 : 900
  }" w:right="${margin}" w:bottom="900" w:left="${margin}" w:header="500" w:footer="500" w:gutter="0"/></w:sectPr>`;
  return doc.package(out.join(""), sectPr, header, person.hints.bullet);
}

/** A zip archive (deflate, fixed timestamps) of the given files, in order. */
export function zip(files: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
  for (const file of files) {
    const name = Buffer.from(file.name, "utf8");
    const packed = deflateRawSync(file.data, { level: 9 });
    const crc = crc32(file.data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(file.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
