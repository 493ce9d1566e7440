import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { KnowledgeError } from "./errors.js";
import { knowledgeDir, loadKnowledge } from "./load.js";
import { checkPackId, decodeArticle, MAX_ARTICLE_BYTES, NewPackError } from "./article-text.js";
import { buildPack } from "./new-pack.js";

/**
 * `npm run knowledge:new -- [--id <id>] [--title "<title>"] [--force] <file | ->`: a draft pack in
 * knowledge/<id>/ from a plain-text article (or stdin with "-"). Exit 0 written, 2 refused (nothing
 * written), 1 unexpected.
 */
const USAGE = `Usage: npm run knowledge:new -- [--id <id>] [--title "<title>"] [--force] <file | ->

Makes a draft knowledge pack in knowledge/<id>/ from a plain-text article: the headline on the first
line, optionally a standfirst, then paragraphs separated by blank lines ("-" reads the article from stdin).

  --id <id>        the pack's id, a lowercase slug (default: from the title)
  --title "<t>"    the article's title (default: the headline)
  --force          replace an existing pack of that id`;

function parseArgs(argv: readonly string[]): { id?: string; title?: string; force: boolean; input: string } {
  const out: { id?: string; title?: string; force: boolean; input?: string } = { force: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--id" || arg === "--title") {
      const value = argv[++i];
      if (value === undefined) throw new NewPackError(`${arg} needs a value`);
      if (arg === "--id") out.id = value;
      else out.title = value;
    } else if (arg === "--force") out.force = true;
    else if (arg === "--help" || arg === "-h") {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (arg.startsWith("--")) throw new NewPackError(`unknown option ${arg}`);
    else if (out.input !== undefined) throw new NewPackError("give one file (or - for stdin)");
    else out.input = arg;
  }
  if (out.input === undefined) throw new NewPackError("no article given: pass a text file, or - to read stdin");
  return { ...out, input: out.input };
}

function readInput(input: string): Uint8Array {
  try {
    const bytes = readFileSync(input === "-" ? 0 : input);
    return bytes;
  } catch (error) {
    throw new NewPackError(`cannot read ${input} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

function main(): number {
  const started = performance.now();
  const args = parseArgs(process.argv.slice(2));
  if (args.id !== undefined) checkPackId(args.id);
  const bytes = readInput(args.input);
  if (bytes.byteLength > MAX_ARTICLE_BYTES) decodeArticle(bytes);
  const pack = buildPack(decodeArticle(bytes), {
    ...(args.id === undefined ? {} : { id: args.id }),
    ...(args.title === undefined ? {} : { title: args.title }),
  });
  const root = knowledgeDir();
  const dir = join(root, pack.id);
  if (existsSync(dir) && !args.force)
    throw new NewPackError(`knowledge/${pack.id} already exists; pass --force to replace it`);

  // Written to a hidden staging directory (which pack loading skips) and validated there, then moved into
  // place: a failure leaves nothing behind. The staged directory has the pack's id as its name because the
  // validator names files by it.
  const staging = join(root, `.new-${process.pid}`);
  const staged = join(staging, pack.id);
  mkdirSync(staged, { recursive: true });
  try {
    for (const [name, contents] of Object.entries(pack.files)) writeFileSync(join(staged, name), contents);
    loadKnowledge(staged);
    if (existsSync(dir)) rmSync(dir, { recursive: true });
    renameSync(staged, dir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }

  const byKind = new Map<string, number>();
  for (const f of pack.facts) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
  const kinds = [...byKind].map(([k, n]) => `${n} ${k}${n === 1 ? "" : "s"}`).join(", ");
  process.stdout.write(
    [
      `Wrote knowledge/${pack.id}/ (draft) in ${Math.round(performance.now() - started)} ms: "${pack.title}"`,
      `  ${pack.sentences.length} sentences (S0–S${pack.sentences.length - 1}), ${pack.facts.length} draft fact cards${kinds === "" ? "" : ` (${kinds})`}, no Q&A entries yet.`,
      "Next:",
      `  npm run --silent ask -- --article ${pack.id} "your question"    answer from it`,
      `  npm start                                                    serve it (with every other pack)`,
      `  npm run knowledge:check                                      the sentences to curate next`,
      "",
    ].join("\n"),
  );
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  if (error instanceof NewPackError) {
    process.stderr.write(`knowledge:new: ${error.message}. Nothing was written.\n\n${USAGE}\n`);
    process.exitCode = 2;
  } else if (error instanceof KnowledgeError) {
    process.stderr.write(
      `knowledge:new: the pack made from this text is not valid, so nothing was written:\n${error.message}\n`,
    );
    process.exitCode = 2;
  } else {
    throw error;
  }
}
