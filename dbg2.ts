import { readFileSync } from "node:fs";
import { parseResume } from "./src/resumes/parse.ts";
for (const f of process.argv.slice(2)) {
const doc = await parseResume(new Uint8Array(readFileSync(`test/fixtures/resumes/${f}.pdf`)));
const truth = JSON.parse(readFileSync(`test/fixtures/resumes/${f}.json`, "utf8"));
console.log(f, "GOT", JSON.stringify(doc.parsed.education.map(e => [e.institution, e.degree, e.field, e.start, e.end])));
console.log(f, "WANT", JSON.stringify(truth.education.map((e: any) => [e.institution, e.degree, e.field, e.start, e.end])));
const sec = doc.sections.find(s => s.kind === "education");
console.log(sec?.lines.map(l => JSON.stringify(l.segments)).join("\n"));
}
