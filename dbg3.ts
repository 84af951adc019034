import { readFileSync } from "node:fs";
import { parseResume } from "./src/resumes/parse.ts";
for (const f of process.argv.slice(2)) {
const doc = await parseResume(new Uint8Array(readFileSync(`test/fixtures/resumes/${f}.pdf`)));
const truth = JSON.parse(readFileSync(`test/fixtures/resumes/${f}.json`, "utf8"));
const p = doc.parsed;
console.log(f, JSON.stringify({loc: [p.location, truth.location], links: [p.links, truth.links]}));
console.log("  skills got", JSON.stringify(p.skills)); console.log("  skills want", JSON.stringify(truth.skills));
}
