import { Library } from "../answer/library.js";
import type { EvalReport } from "./evaluate.js";
import { evaluate } from "./evaluate.js";
import type { QuestionSetName } from "./question-sets.js";
import { loadQuestionSet } from "./question-sets.js";
import type { Figure, Figures } from "./targets.js";
import { LOWER_IS_BETTER, shortfalls, TARGETS } from "./targets.js";
import type { Run } from "./runs.js";
import { evaluateRuns } from "./runs.js";
import { SECOND_PACK } from "./second-article.js";
import { BASELINES, fuseAnswerers, libraryAnswerer } from "./strategies.js";
import { curatedHonesty } from "./honesty.js";
import { SUMMARY_METHODS, summaryCoverage, type SummaryArticle } from "./summaries.js";
import { askedInARow, evaluateConversations } from "./conversations.js";

/**
 * `npm run eval` — the engine's figures on every run (src/eval/runs.ts), per kind of question and, for the
 * corpus, per article and pooled by split; then the reference article's curated questions (answered by their own
 * entry?), both articles loaded together, and a summary against the targets.
 *   --check          exit 1 when a figure is below its target (without it, exit 0 whenever it ran)
 *   --misses         list every miss of the tuning runs (held-out misses are never listed: nobody tunes on them)
 *   --compare        also plain Fuse baselines on the reference article's tuning set (each at its best cut-off)
 *   --floors         print today's figures as the FLOORS of src/eval/targets.ts (to raise them after a change)
 *   --in-a-row       also every set's answerable questions asked one after another as one conversation, against
 *                    each asked alone (another answer for each question: test/eval.test.ts asserts it anyway)
 */
const args = new Set(process.argv.slice(2));
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const TUNING: ReadonlySet<string> = new Set(["reference", "corpusTune"]);

function line(name: string, r: EvalReport): string {
  return (
    `${name.padEnd(30)} top-1 ${pct(r.top1Rate).padStart(6)}   wrong ${pct(r.wrongInScopeRate).padStart(5)}   ` +
    `out of scope handled ${pct(r.abstainRate).padStart(6)}   helpful ${pct(r.helpfulRate).padStart(6)}   ` +
    `answer words ${r.answerWordsChecked === 0 ? "   n/a" : pct(r.answerWordsRate).padStart(6)}`
  );
}

function detail(run: Run): void {
  const r = run.report;
  console.log(`\n== ${run.label} (${r.inScope} answerable, ${r.outOfScope} out of scope)`);
  for (const { article, report } of run.articles ?? []) console.log(line(`  ${article.id}`, report));
  console.log(line(run.articles === undefined ? "engine" : "pooled", r));
  console.log(
    `  right ${r.top1Correct}/${r.inScope}, unsure ${r.inScopeUnsure}, wrong ${r.wrongInScope} (${pct(r.wrongInScopeRate)} of answerable; ` +
      `${pct(r.wrongConfidentRate)} of all questions, out of scope included); when it answers, the first citation is right ${pct(r.answeredPrecision)}`,
  );
  if (r.falsePremises.total > 0) {
    console.log(
      `  false premises: ${r.falsePremises.corrected} corrected, ${r.falsePremises.abstained} not answered, of ${r.falsePremises.total}`,
    );
  }
  console.log(
    `  by kind: ${Object.entries(r.byKind)
      .map(([k, v]) => `${k} ${v.correct}/${v.total}`)
      .join(", ")}`,
  );
  if (args.has("--misses") && TUNING.has(run.name)) {
    for (const m of r.misses) {
      const expected = m.expected.length ? `, expected ${m.expected.join("/")}` : ", expected no answer";
      console.log(
        `    [${m.kind}] ${JSON.stringify(m.q)} → ${m.got}${expected}${m.answer === undefined ? "" : ` — said ${JSON.stringify(m.answer)}`}`,
      );
    }
  }
}

/**
 * Questions typed the way people chat on Discord (the corpus's `discord` kind, the fresh set's `chat`, the tuning
 * set's `casual`) against the plain kinds of the same run: the share with a right first citation.
 */
function chatStyle(): void {
  const CHAT_KINDS: Readonly<Partial<Record<Run["name"], string>>> = {
    reference: "casual",
    referenceHoldout: "casual",
    referenceFresh: "chat",
    second: "chat",
    corpusTune: "discord",
    corpusHoldout: "discord",
  };
  console.log(
    "\n== Discord-style questions against the plain ones (right first citation; held-out runs are the estimate)",
  );
  for (const run of runs) {
    const kind = CHAT_KINDS[run.name];
    const chat = kind === undefined ? undefined : run.report.byKind[kind];
    if (kind === undefined || chat === undefined) continue;
    const plain = Object.entries(run.report.byKind)
      .filter(([k]) => k !== kind && !k.startsWith("out-of-scope/"))
      .reduce((s, [, t]) => ({ total: s.total + t.total, correct: s.correct + t.correct }), { total: 0, correct: 0 });
    const rate = (t: { total: number; correct: number }): number => t.correct / Math.max(1, t.total);
    const gap = (rate(chat) - rate(plain)) * 100;
    console.log(
      `${run.name.padEnd(17)} ${kind.padEnd(8)} ${pct(rate(chat)).padStart(6)} (${chat.correct}/${chat.total})   ` +
        `plain kinds ${pct(rate(plain)).padStart(6)} (${plain.correct}/${plain.total})   ` +
        `difference ${gap >= 0 ? "+" : ""}${gap.toFixed(1)} points${run.name === "corpusHoldout" || run.name === "referenceFresh" ? " [target: within 5]" : ""}`,
    );
  }
}

/** Follow-ups in conversations, per split; and questions asked one after another, against each asked alone. */
function conversations(): void {
  console.log(
    "\n== Conversations: follow-up turns whose first citation (or, when unsure, first closest passage) is right, " +
      "asked after their first turn (npm run ask -- --batch --conversation), and the same asked alone",
  );
  for (const split of ["tune", "holdout"] as const) {
    const r = evaluateConversations(corpus.filter((a) => a.split === split));
    console.log(
      `corpus, ${split === "tune" ? "tuning " : "held-out"} articles  ${pct(r.right / r.followUps).padStart(6)} (${r.right}/${r.followUps}; ` +
        `answered right ${r.answeredRight}, answered wrong ${r.answeredWrong}, ${r.resolved} resolved against the previous answer)   ` +
        `asked alone ${pct(r.aloneRight / r.followUps)} (${r.aloneRight}; answered right ${r.aloneAnsweredRight})   ` +
        `after a right first turn ${r.rightAfterRight}/${r.afterRight}   by kind: ` +
        Object.entries(r.byKind)
          .map(([k, t]) => `${k} ${t.correct}/${t.total}`)
          .join(", "),
    );
  }
  if (!args.has("--in-a-row")) return;
  const rows: [string, Parameters<typeof askedInARow>[0]][] = [
    ["reference, tuning set", [{ kb: reference, set: loadQuestionSet("eval") }]],
    ["corpus, tuning articles", corpus.filter((a) => a.split === "tune")],
    ["corpus, held-out articles", corpus.filter((a) => a.split === "holdout")],
  ];
  console.log("Answerable questions asked one after another in one conversation (right first citation):");
  for (const [label, sets] of rows) {
    const r = askedInARow(sets);
    console.log(
      `  ${label.padEnd(28)} in a row ${pct(r.inARow / r.questions).padStart(6)} (${r.inARow}/${r.questions})   alone ${pct(r.alone / r.questions).padStart(6)} (${r.alone})   ${r.taken} read as follow-ups`,
    );
  }
}

/** Summary methods compared on the tuning articles; the engine's on the held-out articles, apart. */
function summaries(): void {
  const tuning: SummaryArticle[] = [
    ...corpus.filter((a) => a.split === "tune"),
    { kb: reference, set: loadQuestionSet("eval") },
  ];
  const heldOut = corpus.filter((a) => a.split === "holdout");
  const show = (label: string, c: ReturnType<typeof summaryCoverage>): void =>
    console.log(
      `${label.padEnd(30)} evidence in the summary ${pct(c.evidence / c.questions).padStart(6)} (${c.evidence}/${c.questions})   ` +
        `answer words ${pct(c.words / Math.max(1, c.wordsChecked)).padStart(6)}   ${Math.round(c.characters)} characters`,
    );
  console.log(
    `\n== Summaries: answerable questions whose evidence sentence (or answer words) the summary holds; ` +
      `tuning articles (${tuning.length}: the corpus's and the reference article's tuning set)`,
  );
  for (const size of [3, 4, 5, undefined]) {
    for (const [name, method] of Object.entries(SUMMARY_METHODS))
      show(
        `${size === undefined ? "engine's size" : `${size} sentences`}, ${name}`,
        summaryCoverage(tuning, method, size),
      );
  }
  show("held-out articles, TextRank", summaryCoverage(heldOut, SUMMARY_METHODS.TextRank!));
}

function compare(set: QuestionSetName, reference: Parameters<typeof fuseAnswerers>[0]): void {
  for (const [baseline, options] of Object.entries(BASELINES)) {
    const atCut = fuseAnswerers(reference, options);
    let best: { cut: number; r: EvalReport } | undefined;
    const merit = (x: EvalReport): number => x.top1Rate + x.abstainRate - 2 * x.wrongConfidentRate;
    for (const cut of [0.001, 0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6]) {
      const candidate = evaluate(loadQuestionSet(set), atCut(cut));
      if (best === undefined || merit(candidate) > merit(best.r)) best = { cut, r: candidate };
    }
    console.log(line(`${baseline} ≤${best!.cut.toFixed(2)}`, best!.r));
  }
}

const { runs, reference, second, corpus } = evaluateRuns();
for (const run of runs) detail(run);
chatStyle();
conversations();
summaries();
if (args.has("--compare")) {
  console.log("\n== Plain Fuse on the reference article's tuning set, each at its best cut-off");
  compare("eval", reference);
}

const honesty = curatedHonesty(reference);
console.log(
  `\n== The reference pack's ${honesty.total} curated questions and phrasings: ${honesty.byOtherEntry} answered other than by ` +
    `their own entry (${pct(honesty.byOtherEntry / honesty.total)}), ${honesty.corrected} told "the article says otherwise"`,
);

console.log("\n== Both articles loaded, no article chosen (change against the article chosen)");
const both = new Library([reference, second]);
for (const [name, set, expectPack] of [
  ["referenceHoldout", "holdout", reference.id],
  ["referenceFresh", "fresh", reference.id],
  ["second", "second", SECOND_PACK],
] as const) {
  const alone = runs.find((r) => r.name === name)!.report;
  const together = evaluate(loadQuestionSet(set), libraryAnswerer(both, undefined, expectPack));
  const delta = (a: number, b: number): string => `${b >= a ? "+" : ""}${((b - a) * 100).toFixed(1)}`;
  console.log(
    `${line(`${name}, both packs`, together)}\n${"".padEnd(30)} change: top-1 ${delta(alone.top1Rate, together.top1Rate)}, ` +
      `wrong ${delta(alone.wrongInScopeRate, together.wrongInScopeRate)}, out of scope ${delta(alone.abstainRate, together.abstainRate)} points`,
  );
}

console.log("\nSummary (targets in brackets)");
const target = (t: Figures, key: keyof Figures): string =>
  t[key] === undefined ? "" : ` [${LOWER_IS_BETTER.has(key) ? "≤" : "≥"}${Math.round(t[key] * 100)}]`;
for (const run of runs) {
  const r = run.report;
  const t: Figures = TARGETS[run.name];
  console.log(
    `${run.name.padEnd(17)} top-1 ${pct(r.top1Rate)}${target(t, "top1Rate")}  wrong ${pct(r.wrongInScopeRate)}${target(t, "wrongInScopeRate")}` +
      ` (of all ${pct(r.wrongConfidentRate)}${target(t, "wrongConfidentRate")})  out of scope ${pct(r.abstainRate)}${target(t, "abstainRate")}` +
      `  helpful ${pct(r.helpfulRate)}${target(t, "helpfulRate")}  words ${r.answerWordsChecked === 0 ? "n/a" : pct(r.answerWordsRate)}${target(t, "answerWordsRate")}` +
      (r.falsePremises.total > 0 ? `  false premises ${pct(r.falsePremiseRate)}${target(t, "falsePremiseRate")}` : ""),
  );
}
const below = runs.flatMap((run) => shortfalls(run.report, TARGETS[run.name]).map((s) => `${run.name}: ${s}`));
if (honesty.byOtherEntry > honesty.total * 0.005)
  below.push(`curated questions answered by another entry: ${honesty.byOtherEntry}`);
if (honesty.corrected > 0) below.push(`curated questions falsely corrected: ${honesty.corrected}`);
console.log(below.length === 0 ? "\nAll targets met." : `\nBelow target:\n  ${below.join("\n  ")}`);
if (args.has("--floors")) {
  // Rounded to the safe side (down for rates, up for the wrong-answer rates), to the tenth of a point.
  const FIGURES: readonly Figure[] = [
    "top1Rate",
    "abstainRate",
    "wrongConfidentRate",
    "wrongInScopeRate",
    "answerWordsRate",
    "helpfulRate",
  ];
  console.log("\nexport const FLOORS: Readonly<Record<RunName, Figures>> = {");
  for (const run of runs) {
    const figures = FIGURES.filter((f) => f !== "answerWordsRate" || run.report.answerWordsChecked > 0).map((f) => {
      const v = run.report[f] * 1000;
      return `${f}: ${(LOWER_IS_BETTER.has(f) ? Math.ceil(v) : Math.floor(v)) / 1000}`;
    });
    console.log(`  ${run.name}: { ${figures.join(", ")} },`);
  }
  console.log("};");
}
// Figures below target are reported, not an error; --check makes them one.
process.exitCode = args.has("--check") && below.length > 0 ? 1 : 0;
