import { readFileSync } from "node:fs";
import { parseResume } from "./src/resumes/parse.ts";
import { splitSkillItems } from "./src/resumes/skills/match.ts";
for (const f of process.argv.slice(2)) {
const doc = await parseResume(new Uint8Array(readFileSync(`test/fixtures/resumes/${f}.pdf`)));
const s = doc.sections.find(s => s.kind === "skills");
console.log(f, JSON.stringify(s?.lines.map(l => l.text)), JSON.stringify(splitSkillItems(s?.lines.map(l=>l.text).join("\n") ?? "")));
}
