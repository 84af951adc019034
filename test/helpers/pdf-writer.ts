/** A line of text placed on a page: x and y in points from the top-left, Helvetica at `size`. */
export interface PlacedText {
  text: string;
  x: number;
  y: number;
  size?: number;
  bold?: boolean;
}

const WIDTH = 612;
const HEIGHT = 792;

// WinAnsiEncoding puts these outside Latin-1's positions.
const WIN_ANSI: Record<string, number> = {
  "€": 0x80,
  "…": 0x85,
  "•": 0x95,
  "–": 0x96,
  "—": 0x97,
  "‘": 0x91,
  "’": 0x92,
  "“": 0x93,
  "”": 0x94,
};

function escapePdfString(text: string): string {
  return [...text]
    .map((c) => {
      const code = WIN_ANSI[c] ?? c.charCodeAt(0);
      if (c === "\\" || c === "(" || c === ")") return `\\${c}`;
      return code < 128 ? c : `\\${code.toString(8).padStart(3, "0")}`;
    })
    .join("");
}

/**
 * Writes a real PDF (1.4, standard Helvetica fonts, WinAnsi text) with text exactly where it is asked for,
 * so parser tests control the layout: columns, right-aligned dates, headings in bold or larger type.
 */
export function writePdf(pages: PlacedText[][]): Buffer {
  const objects: Buffer[] = [];
  const add = (body: Buffer | string) => {
    objects.push(typeof body === "string" ? Buffer.from(body, "latin1") : body);
    return objects.length;
  };
  const catalog = add("");
  const pagesId = add("");
  const regular = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  const bold = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
  const pageIds: number[] = [];
  for (const page of pages) {
    const content = page
      .map((t) => {
        const size = t.size ?? 10;
        return `BT /${t.bold ? "F2" : "F1"} ${size} Tf ${t.x} ${HEIGHT - t.y} Td (${escapePdfString(t.text)}) Tj ET`;
      })
      .join("\n");
    const stream = Buffer.from(content, "latin1");
    const contentId = add(
      Buffer.concat([
        Buffer.from(`<< /Length ${stream.length} >>\nstream\n`),
        stream,
        Buffer.from("\nendstream"),
      ]),
    );
    pageIds.push(
      add(
        `<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 ${WIDTH} ${HEIGHT}] /Contents ${contentId} 0 R ` +
          `/Resources << /Font << /F1 ${regular} 0 R /F2 ${bold} 0 R >> >> >>`,
      ),
    );
  }
  objects[catalog - 1] = Buffer.from(`<< /Type /Catalog /Pages ${pagesId} 0 R >>`);
  objects[pagesId - 1] = Buffer.from(
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pageIds.length} >>`,
  );

  const chunks: Buffer[] = [Buffer.from("%PDF-1.4\n")];
  const offsets: number[] = [];
  let length = chunks[0]?.length ?? 0;
  objects.forEach((body, i) => {
    offsets.push(length);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from("\nendobj\n")]);
    chunks.push(chunk);
    length += chunk.length;
  });
  const xref = [
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`,
    ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`),
  ].join("");
  chunks.push(
    Buffer.from(
      `${xref}trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${length}\n%%EOF\n`,
    ),
  );
  return Buffer.concat(chunks);
}

/** Lays out lines top to bottom in one column, `gap` points apart. */
export function column(
  lines: (string | Omit<PlacedText, "x" | "y">)[],
  x = 56,
  top = 60,
  gap = 14,
): PlacedText[] {
  return lines.map((line, i) => ({
    ...(typeof line === "string" ? { text: line } : line),
    x,
    y: top + i * gap,
  }));
}
