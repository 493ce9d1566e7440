/**
 * `npm run review`: the moderators' review from a terminal, scriptable: the questions waiting for a decision, and
 * the two decisions.
 */
import { userInfo } from "node:os";
import { openLibrary } from "../answer/open-library.js";
import { ConfigError, loadStorageConfig, type StorageConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { openOwner, type Owner } from "../owner/index.js";
import type { ReviewItem } from "../owner/review-pending.js";
import type { ReviewResult } from "../owner/review-result.js";
import { EXIT } from "./exit-codes.js";
import { runCli } from "./guard.js";
import { loadEnvFile } from "./load-env-file.js";

const USAGE = `Usage: npm run --silent review -- --list [--json] [--article <id>] [--limit <n>]
       npm run --silent review -- --answer "<question>" --sentence <id> [--article <id>] [--json]
       npm run --silent review -- --out-of-scope "<question>" [--article <id>] [--json]

The moderators' review from a terminal, as /review does it on Discord: the questions the bot could not
answer, was unsure about, or got a 👎 for (similar ones grouped, most asked first), and the two decisions.

  --list               the pending questions; with --json one JSON object per line:
                       {"question","questions","count","outcome","article","title","closest":[{"id","text"}]}
  --answer "<q>"       teach the article to answer the question (and the similar ones pending with it) from
                       the sentence --sentence names: a phrasing of the entry citing it, or a new entry
  --out-of-scope "<q>" mark the question (and the similar ones) as not in the article
  --article <id>       which article (default: the one the question is pending for, else the one that
                       answers it); with --list, that article's questions only
  --limit <n>          at most n questions (default 20)
  --json               one JSON object per line on stdout

A pack under knowledge/ is taught in its qa.yaml (written atomically); an article added from Discord in the
store. The decision is stored, and running bots on the same database reload the article within seconds.
Nothing asks a question: it runs the same way in a script.

Exit codes:
  0  done (or nothing pending)
  1  unexpected internal error
  2  bad usage, an unknown article or sentence, or a change the article would not validate with
  3  the knowledge base is invalid (the message names the pack, file and entry)
  4  the store (or the article's file) could not be read or written: nothing changed`;

/** `npm run review`'s exit code for a store or file that failed (nothing changed). */
const UNAVAILABLE = 4;

interface Options {
  readonly mode: "list" | "answer" | "out-of-scope";
  readonly question: string;
  readonly sentence: string | undefined;
  readonly article: string | undefined;
  readonly limit: number;
  readonly json: boolean;
}

/** The options, or what is wrong with them. */
function parse(argv: readonly string[]): Options | string {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const modes: Options["mode"][] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--list" || arg === "--json") {
      flags.add(arg);
      if (arg === "--list") modes.push("list");
    } else if (["--answer", "--out-of-scope", "--sentence", "--article", "--limit"].includes(arg)) {
      const value = argv[++i];
      if (value === undefined || value.startsWith("--")) return `${arg} needs a value.`;
      values.set(arg, value);
      if (arg === "--answer") modes.push("answer");
      if (arg === "--out-of-scope") modes.push("out-of-scope");
    } else return `Unknown argument ${JSON.stringify(arg.slice(0, 60))}.`;
  }
  if (modes.length !== 1) return "Give one of --list, --answer or --out-of-scope.";
  const mode = modes[0]!;
  const question = values.get(mode === "answer" ? "--answer" : "--out-of-scope") ?? "";
  if (mode !== "list" && question.trim() === "") return "The question is empty.";
  const sentence = values.get("--sentence");
  if (mode === "answer" && sentence === undefined) return "--answer needs --sentence <id> (e.g. --sentence S5).";
  if (mode !== "answer" && sentence !== undefined) return "--sentence goes with --answer.";
  const limit = Number(values.get("--limit") ?? 20);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) return "--limit is a whole number from 1 to 500.";
  return { mode, question, sentence, article: values.get("--article"), limit, json: flags.has("--json") };
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

function listItem(item: ReviewItem, json: boolean): string {
  const { article, title, question, questions, count, outcome, closest } = item;
  if (json) return JSON.stringify({ question, questions, count, outcome, article, title, closest });
  const why = outcome === "downvoted" ? "👎" : outcome.replace("_", " ");
  return [
    `"${question}" — asked ${count}×, ${why} · ${article}`,
    ...questions.slice(1).map((q) => `    also: "${q}"`),
    ...closest.map((c) => `    ${c.id.padEnd(5)} ${c.text}`),
  ].join("\n");
}

/** Prints what a decision did; its exit code. */
function report(result: ReviewResult, json: boolean): number {
  if (!result.ok) {
    if (json) print(JSON.stringify({ ok: false, reason: result.reason, message: result.message }));
    else process.stderr.write(`Nothing changed: ${result.message}.\n`);
    return ["unavailable", "not_writable", "conflict"].includes(result.reason) ? UNAVAILABLE : EXIT.usage;
  }
  const t = result.value;
  const answer = { outcome: t.answer.outcome, answer: t.answer.answer, citations: t.answer.citations };
  if (json) {
    const { kind, article, entryId, sentenceId, questions, skipped, decisionNotStored } = t;
    print(
      JSON.stringify({
        ok: true,
        kind,
        article,
        entryId,
        sentenceId,
        questions,
        skipped,
        decisionStored: decisionNotStored === undefined,
        answer,
      }),
    );
  } else {
    const what =
      t.kind === "out_of_scope"
        ? "marked as not in the article"
        : t.kind === "known"
          ? "already known to the article (nothing changed)"
          : `taught: entry ${t.entryId ?? "?"}, from ${t.sentenceId ?? "?"}`;
    print(`${t.article}: ${t.questions.map((q) => `"${q}"`).join(", ")} ${what}.`);
    print(`Asked again now (${t.answer.outcome}): ${t.answer.answer}`);
    for (const c of t.answer.citations) print(`  [${c.id}] "${c.text}"`);
    for (const s of t.skipped) print(`Not taught: "${s.question}" (${s.problem}).`);
  }
  if (t.decisionNotStored !== undefined)
    process.stderr.write(`The article is taught, but the decision was not stored: ${t.decisionNotStored}\n`);
  return EXIT.ok;
}

async function decide(owner: Owner, options: Options): Promise<number> {
  const library = owner.live.current;
  if (options.article !== undefined && library.pack(options.article) === undefined) {
    process.stderr.write(`No article "${options.article}". Loaded: ${library.packs.map((p) => p.id).join(", ")}.\n`);
    return EXIT.usage;
  }
  const { article, questions } = await owner.review.resolve(options.question, options.article);
  const moderatorId = `terminal:${userInfo().username}`;
  const result =
    options.mode === "answer"
      ? await owner.review.answer({ article, questions, sentenceId: options.sentence ?? "", moderatorId })
      : await owner.review.outOfScope({ article, questions, moderatorId });
  return report(result, options.json);
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes("--help") || argv.length === 0) {
    (argv.length === 0 ? process.stderr : process.stdout).write(`${USAGE}\n`);
    return argv.length === 0 ? EXIT.usage : EXIT.ok;
  }
  const options = parse(argv);
  if (typeof options === "string") {
    process.stderr.write(`${options}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  let storage: StorageConfig;
  try {
    storage = loadStorageConfig(loadEnvFile());
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return EXIT.usage;
  }
  const library = await openLibrary();
  const logger = createLogger("warn");
  const owner = await openOwner({ storage, logger, loaded: library.packs.map((p) => p.engine) });
  try {
    if (!(await owner.store.ready())) {
      process.stderr.write("The store (DATA_DIR, or DATABASE_URL) cannot be opened: nothing to review.\n");
      return UNAVAILABLE;
    }
    if (options.mode !== "list") return await decide(owner, options);
    const items = await owner.review.pending(500);
    if (items === undefined) {
      process.stderr.write("The store cannot be read just now: nothing was listed.\n");
      return UNAVAILABLE;
    }
    const shown = items.filter((i) => options.article === undefined || i.article === options.article);
    for (const item of shown.slice(0, options.limit)) print(listItem(item, options.json));
    if (!options.json && shown.length === 0) print("Nothing to review.");
    return EXIT.ok;
  } finally {
    await owner.close();
  }
}

await runCli(() => main(process.argv.slice(2)));
