#!/usr/bin/env node
/**
 * `npm run compare:answers -- before.jsonl after.jsonl` — two runs of `ask --json --batch` over the same
 * questions, compared: how many keep their outcome and citations, and every change of outcome counted by kind
 * ("answered → unsure"). For a restructuring (the same answers expected) and for a measured engine change (the
 * changes listed, to be explained by `npm run eval`).
 *   --list   also print each question whose outcome or first citation changed
 */
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith("--"));
if (files.length !== 2) {
  console.error("Usage: npm run compare:answers -- before.jsonl after.jsonl [--list]");
  process.exit(2);
}
const read = (file) =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l));
const [before, after] = files.map(read);
if (before.length !== after.length) {
  console.error(`The runs answer different numbers of questions (${before.length} and ${after.length}).`);
  process.exit(2);
}
const ids = (a) => (a.citations ?? []).map((c) => `${c.article}/${c.id}`);
let sameOutcome = 0;
let sameFirst = 0;
let sameAll = 0;
const transitions = new Map();
const changed = [];
for (let i = 0; i < before.length; i++) {
  const b = before[i];
  const a = after[i];
  if (b.question !== a.question) {
    console.error(
      `Line ${i + 1} asks different questions: ${JSON.stringify(b.question)} / ${JSON.stringify(a.question)}`,
    );
    process.exit(2);
  }
  const first = ids(b)[0] === ids(a)[0];
  if (b.outcome === a.outcome) sameOutcome++;
  if (b.outcome === a.outcome && first) sameFirst++;
  if (b.outcome === a.outcome && ids(b).join() === ids(a).join()) sameAll++;
  if (b.outcome !== a.outcome || !first) {
    const key = `${b.outcome} → ${a.outcome}${b.outcome === a.outcome ? " (another first citation)" : ""}`;
    transitions.set(key, (transitions.get(key) ?? 0) + 1);
    changed.push(`${key}: ${JSON.stringify(b.question)} ${ids(b)[0] ?? "-"} → ${ids(a)[0] ?? "-"}`);
  }
}
const pct = (n) => `${((100 * n) / before.length).toFixed(1)}%`;
console.log(`${before.length} questions`);
console.log(`  same outcome:                          ${sameOutcome} (${pct(sameOutcome)})`);
console.log(`  same outcome and first citation:       ${sameFirst} (${pct(sameFirst)})`);
console.log(`  same outcome and every citation:       ${sameAll} (${pct(sameAll)})`);
console.log("Changes:");
for (const [key, n] of [...transitions].sort((x, y) => y[1] - x[1])) console.log(`  ${String(n).padStart(4)}  ${key}`);
if (args.includes("--list")) for (const line of changed) console.log(`    ${line}`);
