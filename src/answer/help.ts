/**
 * The command catalogue every surface's help is generated from: each command's usage, what it does, and example
 * questions.
 */
/** One command as every surface offers it. `argument` is the name of its one required option, if any. */
export interface CommandHelp {
  readonly name: string;
  readonly description: string;
  readonly argument?: string;
}

/**
 * The commands both surfaces offer, described once: the Discord commands (src/discord/commands/) register
 * these names and descriptions, and the terminal's /help and Discord's /help are generated from them, so
 * neither help can drift from what is registered.
 */
export const COMMAND_HELP = [
  {
    name: "ask",
    argument: "question",
    description: "Ask a question about the article; the answer quotes the article's own sentences.",
  },
  {
    name: "fact",
    argument: "topic",
    description: "Quick fact lookup: a person, place, organisation, weapon, date or number in the article.",
  },
  {
    name: "quote",
    argument: "sentence",
    description: "Show one sentence of the article verbatim, with the sentences around it.",
  },
  { name: "source", description: "What the article is, what it covers, and how answers are chosen." },
  {
    name: "summary",
    description: 'The article in 3 to 5 of its own sentences, each cited (or ask "tldr").',
  },
  { name: "help", description: "How to use this bot: commands, mentions and buttons." },
] as const satisfies readonly CommandHelp[];

export type CommandName = (typeof COMMAND_HELP)[number]["name"];

/** The entry for a command, with its literal types (so a command built from it keeps its exact name). */
export function commandHelp<N extends CommandName>(name: N): Extract<(typeof COMMAND_HELP)[number], { name: N }> {
  const entry = COMMAND_HELP.find((c): c is Extract<(typeof COMMAND_HELP)[number], { name: N }> => c.name === name);
  if (entry === undefined) throw new Error(`no help entry for /${name}`); // unreachable: N is one of the names
  return entry;
}

/** `/ask <question>`, `/source`. */
export function commandUsage(command: CommandHelp): string {
  return command.argument === undefined ? `/${command.name}` : `/${command.name} <${command.argument}>`;
}

export const EXAMPLE_QUESTIONS = [
  "When did Putin first visit North Korea?",
  "What happened in March?",
  "Who is Kim Yo Jong?",
] as const;

export const ABOUT =
  "I answer questions about the news articles loaded here (/source lists them) using only what each article says. " +
  "Every answer quotes the article's own sentences with their ids, and names the article; add `article` to a command to pick one. " +
  "If the article doesn't say, I tell you so instead of guessing.";
