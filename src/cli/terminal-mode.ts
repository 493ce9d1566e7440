import { createInterface } from "node:readline";
import type { AnswerEngine } from "../answer/engine.js";
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
}

export function terminalHelp(): string {
  return [
    ABOUT,
    "",
    "Type a question, or one of:",
    ...COMMAND_HELP.map((c) => `  ${commandUsage(c).padEnd(18)} ${c.description}`),
    `  ${"exit".padEnd(18)} Quit (or Ctrl-D).`,
    "",
    `Try: ${EXAMPLE_QUESTIONS.join(" | ")}`,
  ].join("\n");
}

/** A command typed at the prompt: what follows its name → what to print. */
type TerminalCommand = (engine: AnswerEngine, rest: string, style: { color: boolean }) => string;

const usage = (name: CommandName, example: string): string => `Usage: ${commandUsage(commandHelp(name))}, e.g. /${name} ${example}`;

/** Every command of COMMAND_HELP, and only those (the type makes a missing or extra one fail to compile). */
const TERMINAL_COMMANDS: { readonly [N in CommandName]: TerminalCommand } = {
  ask: (engine, rest, style) => formatAnswerForTerminal(engine.answer(rest), style),
  fact: (engine, rest, style) => (rest.trim() === "" ? usage("fact", "Kim Yo Jong") : formatFactForTerminal(engine.factView(rest), style)),
  quote: (engine, rest, style) =>
    rest.trim() === "" ? usage("quote", "5") : formatQuoteForTerminal(engine.quoteView(Number(rest.trim().replace(/^s/i, ""))), style),
  source: (engine, _rest, style) => formatSourceForTerminal(engine.sourceView(), style),
  help: () => terminalHelp(),
};

function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(TERMINAL_COMMANDS, name);
}

/** One line typed at the prompt → what to print. Same engine and commands as the Discord bot. */
export function respondToLine(engine: AnswerEngine, line: string, color: boolean): string {
  const style = { color };
  const trimmed = line.trim();
  const match = /^\/(\w+)\s*([\s\S]*)$/.exec(trimmed);
  if (match === null) return formatAnswerForTerminal(engine.answer(trimmed), style);
  const [, command = "", rest = ""] = match;
  const name = command.toLowerCase();
  if (!isCommandName(name)) return `Unknown command /${stripControl(command).slice(0, 40)}. Type /help for the commands.`;
  return TERMINAL_COMMANDS[name](engine, rest, style);
}

/** The local terminal mode: a readline loop until Ctrl-D or "exit". Resolves when it ends. */
export function runTerminalMode(engine: AnswerEngine, options: TerminalModeOptions): Promise<void> {
  const rl = createInterface({ input: options.input, output: options.prompt ? options.output : undefined, terminal: options.prompt });
  const write = (text: string): void => void options.output.write(`${text}\n`);
  rl.setPrompt("ask> ");
  if (options.prompt) rl.prompt();
  return new Promise((resolve) => {
    rl.on("line", (line) => {
      const trimmed = line.trim();
      if (/^(exit|quit|\/exit|\/quit)$/i.test(trimmed)) {
        rl.close();
        return;
      }
      if (trimmed !== "") write(`${respondToLine(engine, trimmed, options.color)}\n`);
      if (options.prompt) rl.prompt();
    });
    rl.on("close", () => {
      if (options.prompt) write("");
      resolve();
    });
  });
}
