import { createInterface } from "node:readline";
import { defaultEngine } from "../answer/index.js";
import type { Answer } from "../answer/types.js";
import { answerToJson } from "../answer/format-json.js";
import { formatAnswerForTerminal } from "../answer/format-terminal.js";
import { EXIT } from "./exit-codes.js";
import { runCli } from "./guard.js";

const USAGE = `Usage: npm run ask -- [--json] "question"
       npm run --silent ask -- --json --batch < questions.txt

Answers a question about the article, quoting the article's sentences with their ids.

Options:
  --json    print exactly one JSON object per question on stdout:
            {"question","answered","answer","citations":[{"id","text"}],"confidence","suggestions"}
  --batch   read one question per line from stdin (JSON Lines out with --json); a blank line is
            answered with answered: false
  --help    this message

Exit codes:
  0  a reply was printed (answered, or "the article doesn't say": see "answered" with --json)
  1  unexpected internal error
  2  bad usage (no question, unknown option)
  3  the knowledge base is invalid (the message names the file and entry)`;

async function main(argv: readonly string[]): Promise<number> {
  const flags = new Set(argv.filter((a) => a.startsWith("--")));
  const words = argv.filter((a) => !a.startsWith("--"));
  if (flags.has("--help")) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  const unknown = [...flags].filter((f) => !["--json", "--batch"].includes(f));
  if (unknown.length > 0) {
    process.stderr.write(`Unknown option ${unknown.join(", ")}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  const json = flags.has("--json");
  const color = !json && process.stdout.isTTY === true && process.env.NO_COLOR === undefined;
  const print = (a: Answer): void => {
    process.stdout.write(`${json ? answerToJson(a) : formatAnswerForTerminal(a, { color })}\n${json ? "" : "\n"}`);
  };

  if (flags.has("--batch")) {
    if (words.length > 0) {
      process.stderr.write(`--batch reads questions from stdin; don't also pass one as an argument.\n\n${USAGE}\n`);
      return EXIT.usage;
    }
    const engine = defaultEngine();
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of lines) print(engine.answer(line));
    return EXIT.ok;
  }

  const question = words.join(" ");
  if (question.trim() === "") {
    process.stderr.write(`No question given.\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  print(defaultEngine().answer(question));
  return EXIT.ok;
}

await runCli(() => main(process.argv.slice(2)));
