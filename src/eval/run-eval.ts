import { defaultKnowledge } from "../knowledge/load.js";
import { ANSWER_THRESHOLD } from "../answer/engine.js";
import type { EvalReport } from "./evaluate.js";
import { evaluate, loadQuestionSet, meetsTargets, TARGETS } from "./evaluate.js";
import { BASELINES, engineAnswerer, fuseAnswerer } from "./strategies.js";

/**
 * `npm run eval` — the engine's accuracy on test/eval/questions.json, with its misses.
 *   --compare  also plain Fuse baselines (each at its best cut-off on this set, to be fair to it)
 *   --sweep    the engine at other answer thresholds
 */
const args = new Set(process.argv.slice(2));
const kb = defaultKnowledge();
const set = loadQuestionSet();
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const line = (name: string, r: EvalReport): string =>
  `${name.padEnd(34)} top-1 ${pct(r.top1Rate).padStart(6)}   out-of-scope abstained ${pct(r.abstainRate).padStart(6)}   wrong confident ${pct(r.wrongConfidentRate).padStart(6)}`;

const report = evaluate(set, engineAnswerer(kb));
console.log(`Question set: ${report.inScope} in scope, ${report.outOfScope} out of scope (${set.inScope.length + set.outOfScope.length} total)`);
console.log(`Targets: top-1 ≥ ${pct(TARGETS.top1Rate)}, out-of-scope abstained ≥ ${pct(TARGETS.abstainRate)}, wrong confident ≤ ${pct(TARGETS.wrongConfidentRate)}\n`);
console.log(line(`engine (threshold ${ANSWER_THRESHOLD})`, report));
console.log(`  top-1 correct ${report.top1Correct}/${report.inScope}, abstained ${report.outOfScopeAbstained}/${report.outOfScope}, wrong confident ${report.wrongConfident}`);
console.log("  by kind: " + Object.entries(report.byKind).map(([k, v]) => `${k} ${v.correct}/${v.total}`).join(", "));

if (args.has("--sweep")) {
  console.log("\nThreshold sweep (engine):");
  for (let t = 0.3; t <= 0.751; t += 0.05) console.log(line(`  threshold ${t.toFixed(2)}`, evaluate(set, engineAnswerer(kb, t))));
}
if (args.has("--compare")) {
  console.log("\nBaselines (plain Fuse over the same texts; best answer cut-off on this set):");
  for (const [name, options] of Object.entries(BASELINES)) {
    let best: { cut: number; r: EvalReport } | undefined;
    for (let cut = 0.05; cut <= 0.651; cut += 0.05) {
      const r = evaluate(set, fuseAnswerer(kb, cut, options));
      const merit = r.top1Rate + r.abstainRate - 2 * r.wrongConfidentRate;
      if (best === undefined || merit > best.r.top1Rate + best.r.abstainRate - 2 * best.r.wrongConfidentRate) best = { cut, r };
    }
    console.log(line(`${name} ≤${best!.cut.toFixed(2)}`, best!.r));
  }
}

console.log(`\nMisses (${report.misses.length}):`);
for (const m of report.misses) {
  console.log(`  [${m.kind}] ${JSON.stringify(m.q)} → got ${m.got}${m.expected.length ? `, expected ${m.expected.join("/")}` : ", expected to abstain"}`);
}
const ok = meetsTargets(report);
console.log(`\n${ok ? "Targets met." : "Targets NOT met."}`);
process.exitCode = ok ? 0 : 1;
