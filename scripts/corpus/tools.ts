// The external programs the generator drives (Debian packages: chromium, libreoffice-writer, poppler-utils,
// imagemagick, img2pdf), and the post-processing that pins the timestamps and IDs inside the PDFs.

import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { pathToFileURL } from "node:url";

export const CHROMIUM = process.env.CHROMIUM ?? "chromium";
export const SOFFICE = process.env.SOFFICE ?? "soffice";

/** Runs a program, throwing with its output when it fails. */
export function run(command: string, args: string[], timeoutMs = 180_000): string {
  const result = spawnSync(command, args, {
    encoding: "utf8",
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw new Error(`${command}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} exited ${result.status}\n${result.stderr}\n${result.stdout}`,
    );
  }
  return result.stdout;
}

export function has(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v "$1" >/dev/null`, "sh", command]).status === 0;
}

/** HTML → PDF with headless Chromium (print backgrounds; page size and margins come from the CSS @page rule). */
export function chromiumPdf(htmlPath: string, pdfPath: string): void {
  run(CHROMIUM, [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    `--print-to-pdf=${pdfPath}`,
    "--no-pdf-header-footer",
    pathToFileURL(htmlPath).href,
  ]);
  if (!existsSync(pdfPath)) throw new Error(`chromium wrote no ${pdfPath}`);
}

/**
 * ODT/DOCX/HTML → PDF with LibreOffice Writer. HTML goes through the "HTML (StarWriter)" import filter so that it
 * is laid out as a Writer text document rather than a web page.
 */
export function libreofficePdf(inputPath: string, outDir: string, profileDir: string): string {
  const args = [
    `-env:UserInstallation=${pathToFileURL(profileDir).href}`,
    "--headless",
    "--norestore",
    "--nolockcheck",
  ];
  if (extname(inputPath) === ".html") args.push("--infilter=HTML (StarWriter)");
  args.push("--convert-to", "pdf:writer_pdf_Export", "--outdir", outDir, inputPath);
  run(SOFFICE, args);
  const pdf = join(outDir, `${basename(inputPath, extname(inputPath))}.pdf`);
  if (!existsSync(pdf)) throw new Error(`soffice wrote no ${pdf}`);
  return pdf;
}

/**
 * A "scan": every page rendered to a greyscale PNG by pdftoppm; when degrade is set, ImageMagick tilts it a little,
 * adds noise and saves it as a JPEG; img2pdf wraps the images in a PDF that has no text layer at all.
 */
export function rasterise(
  pdfPath: string,
  outPdf: string,
  workDir: string,
  options: { dpi: number; degrade: boolean; pageSize: "A4" | "Letter" },
): void {
  const prefix = join(workDir, "page");
  run("pdftoppm", ["-r", String(options.dpi), "-gray", "-png", pdfPath, prefix]);
  let images = readdirSync(workDir)
    .filter((name) => name.startsWith("page") && name.endsWith(".png"))
    .sort()
    .map((name) => join(workDir, name));
  if (options.degrade) {
    images = images.map((png) => {
      const jpg = png.replace(/\.png$/, ".jpg");
      run("convert", [
        png,
        "-seed",
        "7",
        "-virtual-pixel",
        "white",
        "-distort",
        "SRT",
        "0.6",
        "-attenuate",
        "0.35",
        "+noise",
        "Gaussian",
        "-blur",
        "0x0.4",
        "-level",
        "4%,96%",
        "-type",
        "Grayscale",
        "-quality",
        "55",
        jpg,
      ]);
      return jpg;
    });
  }
  run("img2pdf", ["--nodate", "--pagesize", options.pageSize, "-o", outPdf, ...images]);
}

/**
 * Pins what changes from run to run inside a PDF (creation/modification dates, the trailer /ID and /DocChecksum,
 * XMP dates and UUIDs) to values derived from the seed, byte-for-byte in place so that the xref offsets stay valid.
 */
export function pinPdf(pdfPath: string, seed: string): void {
  let text = readFileSync(pdfPath).toString("latin1");
  const hash = createHash("sha256").update(seed).digest("hex");
  const hex = (length: number, salt: number) =>
    (hash + createHash("sha256").update(`${seed}:${salt}`).digest("hex")).slice(0, length).toUpperCase();
  text = text.replace(
    /(\/(?:CreationDate|ModDate)\s*\(D:)(\d{14})/g,
    (_m, head: string) => `${head}20250101120000`,
  );
  text = text.replace(
    /(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})/g,
    (_m, head: string) => `${head}2025-01-01T12:00:00`,
  );
  let salt = 0;
  text = text.replace(
    /(\/ID\s*\[\s*<)([0-9A-Fa-f]+)(>\s*<)([0-9A-Fa-f]+)(>)/g,
    (_m, a, id1: string, b, id2: string, c) => {
      salt += 1;
      return `${a}${hex(id1.length, salt)}${b}${hex(id2.length, salt)}${c}`;
    },
  );
  text = text.replace(/(\/DocChecksum\s*\/)([0-9A-Fa-f]+)/g, (_m, head: string, sum: string) => {
    salt += 1;
    return `${head}${hex(sum.length, salt)}`;
  });
  text = text.replace(/uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, () => {
    salt += 1;
    const h = hex(32, salt).toLowerCase();
    return `uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  });
  writeFileSync(pdfPath, Buffer.from(text, "latin1"));
}

export function pdfPages(pdfPath: string): number {
  const info = run("pdfinfo", [pdfPath]);
  const match = /^Pages:\s+(\d+)/m.exec(info);
  return match?.[1] ? Number(match[1]) : 0;
}
