import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { PDFDocumentProxy, PDFPageProxy } from "pdfjs-dist/legacy/build/pdf.mjs";

/** One run of text as the PDF places it: page coordinates with y growing downwards, font size in points. */
export interface TextItem {
  text: string;
  x: number;
  y: number;
  width: number;
  fontSize: number;
  font: string;
  bold: boolean;
  italic: boolean;
}

export interface PdfPage {
  number: number;
  width: number;
  height: number;
  items: TextItem[];
  images: number;
  /** Targets of link annotations: the real URL behind "LinkedIn" or a wrapped address. */
  links: string[];
  /** The page had no text layer and its words were read by OCR. */
  ocr: boolean;
}

export interface PdfContent {
  pageCount: number;
  pages: PdfPage[];
  /** Pages beyond the cap are counted but not read. */
  truncated: boolean;
}

export class PdfError extends Error {
  constructor(
    readonly reason: "encrypted" | "corrupt" | "not_pdf",
    message: string,
  ) {
    super(message);
    this.name = "PdfError";
  }
}

const require = createRequire(import.meta.url);
const PDFJS_ROOT = path.dirname(require.resolve("pdfjs-dist/package.json"));
const STANDARD_FONTS = `${pathToFileURL(path.join(PDFJS_ROOT, "standard_fonts")).href}/`;
// pdf.js (and the canvas OCR needs) are loaded on the first parse, not at start-up: they are large, and a
// server that never parses a resume should not carry them.
let pdfjs: Promise<typeof import("pdfjs-dist/legacy/build/pdf.mjs")> | undefined;
const loadPdfjs = () => {
  pdfjs ??= import("pdfjs-dist/legacy/build/pdf.mjs");
  return pdfjs;
};

/** Text with positions and fonts, page by page, from at most `maxPages` pages. */
export async function extractPdf(bytes: Uint8Array, maxPages = 10): Promise<PdfContent> {
  if (!isPdf(bytes)) throw new PdfError("not_pdf", "The file is not a PDF.");
  const { getDocument, OPS } = await loadPdfjs();
  const imageOps = new Set<number>([
    OPS.paintImageXObject,
    OPS.paintInlineImageXObject,
    OPS.paintImageMaskXObject,
    OPS.paintImageXObjectRepeat,
  ]);
  let document: PDFDocumentProxy;
  try {
    document = await getDocument({
      data: new Uint8Array(bytes),
      standardFontDataUrl: STANDARD_FONTS,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === "PasswordException") throw new PdfError("encrypted", "The PDF is protected by a password.");
    throw new PdfError("corrupt", "The PDF is damaged and cannot be read.");
  }
  try {
    const pages: PdfPage[] = [];
    const count = Math.min(document.numPages, maxPages);
    for (let number = 1; number <= count; number++) pages.push(await readPage(document, number, imageOps));
    return { pageCount: document.numPages, pages, truncated: document.numPages > maxPages };
  } catch (error) {
    if (error instanceof PdfError) throw error;
    throw new PdfError("corrupt", "The PDF is damaged and cannot be read.");
  } finally {
    await document.destroy();
  }
}

function isPdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
  return head.includes("%PDF-");
}

async function readPage(document: PDFDocumentProxy, number: number, imageOps: Set<number>): Promise<PdfPage> {
  const page = await document.getPage(number);
  const viewport = page.getViewport({ scale: 1 });
  const operators = await page.getOperatorList();
  const images = operators.fnArray.filter((op) => imageOps.has(op)).length;
  const content = await page.getTextContent();
  const items: TextItem[] = [];
  for (const raw of content.items) {
    if (!("str" in raw) || raw.str.trim() === "") continue;
    const [a, b, , d, e, f] = raw.transform as number[];
    const fontSize = Math.hypot(a ?? 0, b ?? 0) || Math.abs(d ?? 0) || 1;
    const fontName = fontRealName(page, raw.fontName);
    items.push({
      text: raw.str,
      x: e ?? 0,
      y: viewport.height - (f ?? 0),
      width: raw.width,
      fontSize,
      font: fontName,
      bold: /bold|black|heavy|semibold|demi/i.test(fontName),
      italic: /italic|oblique/i.test(fontName),
    });
  }
  // An image-only page (a scan) is read by OCR when Tesseract is installed.
  const textLength = items.reduce((sum, item) => sum + item.text.length, 0);
  const reader = textLength < 20 && images > 0 ? await import("./ocr.ts") : undefined;
  const ocr = reader?.ocrAvailable() ?? false;
  if (ocr && reader) {
    items.splice(
      0,
      items.length,
      ...(await reader.ocrPage(page as unknown as Parameters<typeof reader.ocrPage>[0])),
    );
  }
  const annotations = (await page.getAnnotations()) as { subtype?: string; url?: string }[];
  const links = annotations
    .filter((a) => a.subtype === "Link" && typeof a.url === "string")
    .map((a) => a.url as string);
  page.cleanup();
  return { number, width: viewport.width, height: viewport.height, items, images, links, ocr };
}

/** The PDF font's own name ("ABCDEF+Calibri-Bold"), which says bold and italic; pdf.js ids say nothing. */
function fontRealName(page: PDFPageProxy, id: string): string {
  try {
    const font = page.commonObjs.get(id) as {
      name?: string;
      bold?: boolean;
      black?: boolean;
      italic?: boolean;
    } | null;
    const name = font?.name ?? id;
    const flags = `${font?.bold || font?.black ? " Bold" : ""}${font?.italic ? " Italic" : ""}`;
    return `${name}${flags}`;
  } catch {
    return id;
  }
}
