/**
 * The local terminal mode (`npm start` without a token): a prompt that answers like the bot, as one conversation.
 */
import { createInterface } from "node:readline";
import { answerInConversation, type Topic } from "../answer/conversation.js";
import type { AnswerEngine } from "../answer/engine.js";
import { asLibrary, type Library, type LibraryAnswer, type Pack } from "../answer/library.js";
import {
  formatAnswerForTerminal,
  formatFactForTerminal,
  formatQuoteForTerminal,
  formatSourceForTerminal,
  stripControl,
} from "../answer/format-terminal.js";
import { ABOUT, COMMAND_HELP, EXAMPLE_QUESTIONS, commandHelp, commandUsage, type CommandName } from "../answer/help.js";

export interface TerminalModeOptions {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  readonly color: boolean;
  /** Show a prompt (interactive terminals); off when input is piped. */
  readonly prompt: boolean;
  /**
   * Called with every question answered (typed, or through /ask) after its answer is printed: the question
   * log. Awaited in order before the mode ends; it must not throw (QuestionRecorder.record never does).
   */
  readonly record?: Recorder;
}

/** Logs a question and its answer (src/cli/question-log.ts). */
type Recorder = (question: string, result: LibraryAnswer) => Promise<void>;

/** The terminal's own commands, for choosing among the loaded articles. */
const ARTICLE_COMMANDS = [
  { usage: "/articles", description: "List the loaded articles." },
  { usage: "/article <id>", description: "Answer from that article only; /article alone goes back to every article." },
] as const;

export function terminalHelp(): string {
  return [
    ABOUT,
    "",
    "Type a question, or one of:",
    ...COMMAND_HELP.map((c) => `  ${commandUsage(c).padEnd(18)} ${c.description}`),
    ...ARTICLE_COMMANDS.map((c) => `  ${c.usage.padEnd(18)} ${c.description}`),
    `  ${"exit".padEnd(18)} Quit (or Ctrl-D).`,
    "",
    `Try: ${EXAMPLE_QUESTIONS.join(" | ")}`,
  ].join("\n");
}

/**
 * What the terminal session remembers: the article chosen with /article (none: every article), and the
 * conversation's topic (the terminal is one conversation: "what did she say?" follows the answer before).
 */
interface TerminalState {
  article?: string;
  topic?: Topic | undefined;
}

interface Scope {
  readonly library: Library;
  readonly state: TerminalState;
  /** The chosen article, or undefined for every article. */
  readonly pack: Pack | undefined;
  /** Told of every answered question (the question log). */
  readonly answered?: (question: string, result: LibraryAnswer) => void;
}

/** A command typed at the prompt: what follows its name → what to print. */
type TerminalCommand = (scope: Scope, rest: string, style: { color: boolean }) => string;

const usage = (name: CommandName, example: string): string =>
  `Usage: ${commandUsage(commandHelp(name))}, e.g. /${name} ${example}`;

/** The one pack a command about one article uses: the chosen one, else the only or first one. */
const onePack = ({ library, pack }: Scope): Pack => pack ?? library.first;

/** Every command of COMMAND_HELP, and only those (the type makes a missing or extra one fail to compile). */
const TERMINAL_COMMANDS: { readonly [N in CommandName]: TerminalCommand } = {
  ask: (scope, rest, style) => answerLine(scope, rest, style),
  fact: (scope, rest, style) => {
    if (rest.trim() === "") return usage("fact", "Kim Yo Jong");
    const packs = scope.pack === undefined ? scope.library.packs : [scope.pack];
    const views = packs.map((p) => p.factEngine.factView(rest));
    return formatFactForTerminal(views.find((v) => v.found) ?? views[0]!, style);
  },
  quote: (scope, rest, style) =>
    rest.trim() === ""
      ? usage("quote", "5")
      : formatQuoteForTerminal(onePack(scope).engine.quoteView(Number(rest.trim().replace(/^s/i, ""))), style),
  source: (scope, _rest, style) =>
    scope.pack === undefined && scope.library.packs.length > 1
      ? listArticles(scope.library)
      : formatSourceForTerminal(onePack(scope).engine.sourceView(), style),
  summary: (scope, rest, style) => {
    const id = rest.trim();
    const named = id === "" ? undefined : scope.library.pack(id);
    if (id !== "" && named === undefined) return `No article "${stripControl(id).slice(0, 60)}". /articles lists them.`;
    // The article named, else the one chosen, else the conversation's, else the first.
    const topic = scope.state.topic === undefined ? undefined : scope.library.pack(scope.state.topic.article);
    const pack = named ?? scope.pack ?? topic ?? scope.library.first;
    const from = scope.library.packs.length > 1 ? `[${pack.id}] ${stripControl(pack.title)}\n` : "";
    return `${from}${formatAnswerForTerminal(pack.engine.summary(), style)}`;
  },
  help: () => terminalHelp(),
};

function answerLine({ library, pack, answered, state }: Scope, question: string, style: { color: boolean }): string {
  const result = answerInConversation(library, question, state.topic, pack?.id);
  state.topic = result.topic;
  answered?.(question, result);
  const from = library.packs.length > 1 ? `[${result.pack.id}] ${stripControl(result.pack.title)}\n` : "";
  const others = result.alternatives.filter((p) => p.id !== result.pack.id);
  const also =
    others.length > 0
      ? `\n(about as well answered by: ${others.map((p) => p.id).join(", ")}; /article <id> to choose)`
      : "";
  return `${from}${formatAnswerForTerminal(result.answer, style)}${also}`;
}

function listArticles(library: Library): string {
  return [
    `${library.packs.length} article${library.packs.length === 1 ? "" : "s"} loaded:`,
    ...library.packs.map(
      (p) =>
        `  ${p.id.padEnd(32)} ${p.status.padEnd(8)} ${String(p.kb.sentences.length).padStart(3)} sentences  ${stripControl(p.title)}`,
    ),
  ].join("\n");
}

function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(TERMINAL_COMMANDS, name);
}

/**
 * One line typed at the prompt → what to print. Same library and commands as the Discord bot. `answered`
 * is told of the question and its answer when the line asked one.
 */
function respondToLine(
  source: Library | AnswerEngine,
  line: string,
  color: boolean,
  state: TerminalState = {},
  answered?: (question: string, result: LibraryAnswer) => void,
): string {
  const library = asLibrary(source);
  const style = { color };
  const trimmed = line.trim();
  const scope: Scope = {
    library,
    state,
    pack: state.article === undefined ? undefined : library.pack(state.article),
    ...(answered === undefined ? {} : { answered }),
  };
  const match = /^\/(\w+)\s*([\s\S]*)$/.exec(trimmed);
  if (match === null) return answerLine(scope, trimmed, style);
  const [, command = "", rest = ""] = match;
  const name = command.toLowerCase();
  if (name === "articles") return listArticles(library);
  if (name === "article") {
    const id = rest.trim();
    if (id === "") {
      delete state.article;
      return `Answering from every article (${library.packs.length}).`;
    }
    const pack = library.pack(id);
    if (pack === undefined) return `No article "${stripControl(id).slice(0, 60)}". /articles lists them.`;
    state.article = pack.id;
    return `Answering from ${pack.id}: ${stripControl(pack.title)}`;
  }
  if (!isCommandName(name))
    return `Unknown command /${stripControl(command).slice(0, 40)}. Type /help for the commands.`;
  return TERMINAL_COMMANDS[name](scope, rest, style);
}

/** The local terminal mode: a readline loop until Ctrl-D or "exit". Resolves when it ends. */
export function runTerminalMode(source: Library | AnswerEngine, options: TerminalModeOptions): Promise<void> {
  const library = asLibrary(source);
  const state: TerminalState = {};
  const rl = createInterface({
    input: options.input,
    output: options.prompt ? options.output : undefined,
    terminal: options.prompt,
  });
  const write = (text: string): void => void options.output.write(`${text}\n`);
  // Questions are logged one after another, after their answers are printed; the mode ends when all are.
  let logged: Promise<void> = Promise.resolve();
  const record = options.record;
  const answered =
    record === undefined
      ? undefined
      : (question: string, result: LibraryAnswer): void => {
          logged = logged.then(() => record(question, result)).catch(() => undefined);
        };
  rl.setPrompt("ask> ");
  if (options.prompt) rl.prompt();
  return new Promise((resolve) => {
    rl.on("line", (line) => {
      const trimmed = line.trim();
      if (/^(exit|quit|\/exit|\/quit)$/i.test(trimmed)) {
        rl.close();
        return;
      }
      if (trimmed !== "") write(`${respondToLine(library, trimmed, options.color, state, answered)}\n`);
      if (options.prompt) rl.prompt();
    });
    rl.on("close", () => {
      if (options.prompt) write("");
      void logged.then(resolve);
    });
  });
}
