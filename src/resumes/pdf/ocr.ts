import { spawn, spawnSync } from "node:child_process";
import type { TextItem } from "./extract.ts";

// Scanned resumes have no text layer. Tesseract (Debian's tesseract-ocr, installed by the set-up) reads the
// rendered page offline; without it, scans stay unread and the ATS check says why.
const SCALE = 300 / 72;

let available: boolean | undefined;

export function ocrAvailable(): boolean {
  available ??= spawnSync("tesseract", ["--version"], { stdio: "ignore" }).status === 0;
  return available;
}

interface RenderablePage {
  getViewport(options: { scale: number }): { width: number; height: number };
  render(options: { canvasContext: unknown; viewport: unknown; canvas?: unknown }): {
    promise: Promise<void>;
  };
}

/** Renders the page at 300 dpi and reads its words with their positions, in the page's coordinates. */
export async function ocrPage(page: RenderablePage): Promise<TextItem[]> {
  const { createCanvas } = await import("@napi-rs/canvas");
  const viewport = page.getViewport({ scale: SCALE });
  const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
  const context = canvas.getContext("2d");
  context.fillStyle = "white";
  context.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({ canvasContext: context, viewport, canvas }).promise;
  const png = await canvas.encode("png");
  const tsv = await tesseract(png);
  return wordsToItems(tsv);
}

function tesseract(png: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("tesseract", ["stdin", "stdout", "-l", "eng", "--psm", "3", "tsv"], {
      stdio: ["pipe", "pipe", "ignore"],
    });
    let out = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      out += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`tesseract exited with ${code}`)),
    );
    child.stdin.end(png);
  });
}

/** Tesseract's TSV words (level 5) as text items; a word's height stands for its font size. */
function wordsToItems(tsv: string): TextItem[] {
  const items: TextItem[] = [];
  for (const row of tsv.split("\n").slice(1)) {
    const cells = row.split("\t");
    if (cells[0] !== "5" || cells.length < 12) continue;
    const text = cells.slice(11).join("\t").trim();
    const confidence = Number(cells[10]);
    if (!text || confidence < 30) continue;
    const [left, top, width, height] = cells.slice(6, 10).map((n) => Number(n) / SCALE) as [
      number,
      number,
      number,
      number,
    ];
    items.push({
      text,
      x: left,
      y: top + height,
      width,
      fontSize: height * 1.35,
      font: "ocr",
      bold: false,
      italic: false,
    });
  }
  return items;
}
