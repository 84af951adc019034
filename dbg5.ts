import { readFileSync } from "node:fs";
import { parseResume } from "./src/resumes/parse.ts";
for (const f of process.argv.slice(2)) {
const doc = await parseResume(new Uint8Array(readFileSync(`test/fixtures/resumes/${f}.pdf`)));
console.log(f, doc.sections.map(s => `[${s.kind}] ${s.heading} (${s.lines.length})`).join(" "));
console.log(doc.lines.slice(0, 10).map(l => `${l.column} ${l.bold?"B":" "} ${l.fontSize.toFixed(1)} ${JSON.stringify(l.segments)}`).join("\n"));
}
