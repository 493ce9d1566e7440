/**
 * `npm run ask`: one question (or, with --batch, a line each from stdin) answered in the terminal or as JSON, and
 * logged like every surface's.
 */
import { createInterface } from "node:readline";
import type { Topic } from "../answer/conversation.js";
import { openLibrary } from "../answer/open-library.js";
import type { LibraryAnswer } from "../answer/library.js";
import { answerToJson } from "../answer/format-json.js";
import { formatAnswerForTerminal } from "../answer/format-terminal.js";
import type { StorageConfig } from "../config.js";
import { EXIT } from "./exit-codes.js";
import { runCli } from "./guard.js";
import type { QuestionRecorder } from "./question-log.js";

const USAGE = `Usage: npm run ask -- [--article <id>] [--json] "question"
       npm run --silent ask -- [--article <id>] --json --batch [--conversation] < questions.txt

Answers a question about the loaded articles (every pack under knowledge/, or ARTICLES=id,id), quoting
the article's sentences with their ids.

Options:
  --article <id>  answer from that article (pack id) only; without it, from the article whose answer wins
  --json    print exactly one JSON object per question on stdout:
            {"question","outcome","answered","answer","article","citations":[{"id","article","text"}],
             "closest","confidence","suggestions"}, and "understood" and "note" when a follow-up was
            resolved ("tldr": outcome "summary", 3 to 5 citations in the article's order)
  --batch   read one question per line from stdin (JSON Lines out with --json); a blank line is
            answered with answered: false
  --conversation  with --batch: the lines are one conversation, in order, so "what did she say?" and
            "and when?" follow the line before (without it every line stands alone)
  --help    this message

Each question is logged to the bot's store like every surface's (README: "What the bot stores, where, and
for how long"), unless QUESTION_LOG=off; storing never changes what is printed or the exit code.

Exit codes:
  0  a reply was printed (answered, or "the article doesn't say": see "answered" with --json)
  1  unexpected internal error
  2  bad usage (no question, unknown option)
  3  the knowledge base is invalid (the message names the pack, file and entry)`;

async function main(rawArgv: readonly string[]): Promise<number> {
  const at = rawArgv.indexOf("--article");
  const article = at === -1 ? undefined : rawArgv[at + 1];
  if (at !== -1 && (article === undefined || article.startsWith("--"))) {
    process.stderr.write(`--article needs a pack id.\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  const argv = at === -1 ? rawArgv : [...rawArgv.slice(0, at), ...rawArgv.slice(at + 2)];
  const flags = new Set(argv.filter((a) => a.startsWith("--")));
  const words = argv.filter((a) => !a.startsWith("--"));
  if (flags.has("--help")) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  const unknown = [...flags].filter((f) => !["--json", "--batch", "--conversation"].includes(f));
  if (unknown.length > 0) {
    process.stderr.write(`Unknown option ${unknown.join(", ")}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  const json = flags.has("--json");
  const color = !json && process.stdout.isTTY === true && process.env.NO_COLOR === undefined;
  const library = await openLibrary();
  if (article !== undefined && library.pack(article) === undefined) {
    process.stderr.write(`No article "${article}". Loaded: ${library.packs.map((p) => p.id).join(", ")}.\n`);
    return EXIT.usage;
  }
  const print = ({ answer: a, pack }: LibraryAnswer): void => {
    const from = library.packs.length > 1 ? `[${pack.id}] ${pack.title}\n` : "";
    process.stdout.write(
      `${json ? answerToJson(a, pack.id) : `${from}${formatAnswerForTerminal(a, { color })}`}\n${json ? "" : "\n"}`,
    );
  };
  const batch = flags.has("--batch");
  const conversation = flags.has("--conversation");
  if (conversation && !batch) {
    process.stderr.write(
      `--conversation is for the lines of --batch: a single question follows nothing.\n\n${USAGE}\n`,
    );
    return EXIT.usage;
  }
  if (batch && words.length > 0) {
    process.stderr.write(`--batch reads questions from stdin; don't also pass one as an argument.\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  const question = words.join(" ");
  if (!batch && question.trim() === "") {
    process.stderr.write(`No question given.\n\n${USAGE}\n`);
    return EXIT.usage;
  }

  const recorder = recorderFromEnv();
  try {
    // With --conversation, each line follows the one before (the terminal mode's conversation, without expiry).
    let topic: Topic | undefined;
    // Loaded only for --conversation: a single question needs none of it, and the first answer waits for no
    // module it does not use.
    const inConversation = conversation ? (await import("../answer/conversation.js")).answerInConversation : undefined;
    const ask = async (text: string): Promise<void> => {
      let result: LibraryAnswer;
      if (inConversation !== undefined) {
        const reply = inConversation(library, text, topic, article);
        topic = reply.topic;
        result = reply;
      } else {
        result = library.answer(text, article);
      }
      print(result);
      await recorder.record(text, result);
    };
    if (batch) {
      for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) await ask(line);
    } else {
      await ask(question);
    }
  } finally {
    await recorder.close();
  }
  return EXIT.ok;
}

/**
 * The question log, configured by the environment and .env (read into a copy: the rest of `ask` sees the
 * environment as it always has). Invalid store settings leave the answers as they are: the problem is
 * printed on stderr and nothing is logged. The store, its configuration and the logger are loaded after the
 * first answer is printed, so logging never delays an answer (the store's modules take longer to load than
 * answering does).
 */
function recorderFromEnv(): QuestionRecorder {
  let opened: Promise<QuestionRecorder> | undefined;
  const open = async (): Promise<QuestionRecorder> => {
    const [{ ConfigError, loadStorageConfig }, { createLogger }, { NOT_RECORDING, questionRecorder }, { loadEnvFile }] =
      await Promise.all([
        import("../config.js"),
        import("../logger.js"),
        import("./question-log.js"),
        import("./load-env-file.js"),
      ]);
    let config: StorageConfig;
    try {
      config = loadStorageConfig(loadEnvFile());
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      process.stderr.write(`${error.message}\nQuestions are not logged until this is fixed.\n`);
      return NOT_RECORDING;
    }
    return questionRecorder("cli", config, createLogger("warn"));
  };
  return {
    async record(question, result) {
      opened ??= open();
      await (await opened).record(question, result);
    },
    async close() {
      if (opened !== undefined) await (await opened).close();
    },
  };
}

await runCli(() => main(process.argv.slice(2)));
