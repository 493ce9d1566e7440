import { asLibrary } from "../../src/answer/library.js";
/**
 * Commands as typed data: arguments are parsed by each command's own definition (and typed from it), and
 * both /help texts are generated from the definitions that are registered.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionResponseType,
  type APIEmbed,
  type RESTPostAPIApplicationCommandsJSONBody,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { describe, expect, it } from "vitest";
import { COMMAND_HELP } from "../../src/answer/help.js";
import { defaultEngine } from "../../src/answer/index.js";
import { terminalHelp } from "../../src/cli/terminal-mode.js";
import { data as askData } from "../../src/discord/ask/command.js";
import { focusedArgument, parseArguments } from "../../src/discord/core/command-options.js";
import { chatInputCommand } from "../../src/discord/core/define-command.js";
import { commandDefinitions, commands, findCommand, findComponent } from "../../src/discord/registry.js";
import { data as quoteData } from "../../src/discord/quote/command.js";
import { renderHelp } from "../../src/discord/help/render.js";
import { twoPacks } from "../support/packs.js";

const engine = defaultEngine();
const { String: STRING, Integer: INTEGER, Number: NUMBER, Boolean: BOOLEAN } = ApplicationCommandOptionType;

describe("typed arguments", () => {
  it("reads each declared option as its declared type, by name", () => {
    const args = parseArguments(askData, [
      { name: "question", type: STRING, value: "Who is Kim Yo Jong?" },
      { name: "private", type: BOOLEAN, value: true },
      { name: "not-declared", type: STRING, value: "ignored" },
    ]);
    expect(args).toEqual({ question: "Who is Kim Yo Jong?", private: true });
    // Compile-time: the argument types come from the definition, and a name that is not in it fails tsc.
    const question: string = args.question;
    const isPrivate: boolean | undefined = args.private;
    // @ts-expect-error — "questoin" is not an option of /ask
    expect(args.questoin).toBeUndefined();
    expect([question, isPrivate]).toEqual(["Who is Kim Yo Jong?", true]);
  });

  it("a missing or mistyped required option reads as its type's empty value; a missing optional one is absent", () => {
    expect(parseArguments(askData, undefined)).toEqual({ question: "" });
    expect(parseArguments(askData, [{ name: "question", type: INTEGER, value: 5 }])).toEqual({ question: "" });
    const quote = quoteData(25);
    expect(parseArguments(quote, [])).toEqual({ sentence: Number.NaN });
    expect(parseArguments(quote, [{ name: "sentence", type: NUMBER, value: 7 }])).toEqual({ sentence: 7 });
    expect(parseArguments(quote, [{ name: "sentence", type: INTEGER, value: 7 }]).sentence).toBe(7);
  });

  it("the focused option of an autocomplete is reported only when it is a declared autocomplete option", () => {
    expect(focusedArgument(askData, [{ name: "question", type: STRING, value: "kim", focused: true }])).toEqual({
      name: "question",
      value: "kim",
    });
    expect(focusedArgument(askData, [{ name: "private", type: STRING, value: "t", focused: true }])).toBeUndefined();
    expect(focusedArgument(askData, [{ name: "question", type: STRING, value: "kim" }])).toBeUndefined();
  });

  it("a handler built from a definition gets its typed arguments", async () => {
    const seen: unknown[] = [];
    const echo = chatInputCommand({
      data: { ...askData, name: "echo" },
      execute(args) {
        seen.push(args.question.toUpperCase(), args.private);
        return { response: { type: InteractionResponseType.Pong }, outcome: "nothing-to-answer" };
      },
    });
    const interaction = {
      data: {
        name: "echo",
        type: ApplicationCommandType.ChatInput,
        options: [{ name: "question", type: STRING, value: "hi" }],
      },
    };
    const ctx = { library: asLibrary(engine) } as Parameters<typeof echo.execute>[1];
    await echo.execute(interaction as Parameters<typeof echo.execute>[0], ctx);
    expect(seen).toEqual(["HI", undefined]);
  });
});

describe("the registry", () => {
  it("routes by type and name, with no library and without building any command's JSON", () => {
    for (const command of commands) expect(findCommand(command.name, command.type)).toBe(command);
    expect(findCommand("ask")?.type).toBe(ApplicationCommandType.ChatInput);
    // Chat-input and context-menu names are separate namespaces.
    expect(findCommand("Check against article")).toBeUndefined();
    expect(findCommand("ask", ApplicationCommandType.Message)).toBeUndefined();
    expect(findCommand("ask", ApplicationCommandType.User)).toBeUndefined();
    expect(findComponent("ctx:pack:qa:id")).toMatchObject({ handler: { prefix: "ctx" }, args: ["pack", "qa", "id"] });
    expect(findComponent("nope:1")).toBeUndefined();
  });

  it("builds each command's JSON once per library; /quote's range follows the library's longest article", () => {
    const library = asLibrary(engine);
    const first = commandDefinitions(library);
    const again = commandDefinitions(library);
    first.forEach((definition, i) => expect(again[i]).toBe(definition));
    expect(first.map((d) => d.name)).toEqual(commands.map((c) => c.name));
    const { library: two, reference, second } = twoPacks();
    const range = (definitions: RESTPostAPIApplicationCommandsJSONBody[]) =>
      definitions.filter(isChatInput).find((d) => d.name === "quote")?.options?.[0];
    expect(range(first)).toMatchObject({ max_value: engine.kb.sentences.length - 1 });
    expect(range(commandDefinitions(two))).toMatchObject({
      max_value: Math.max(reference.sentences.length, second.sentences.length) - 1,
    });
  });
});

const isChatInput = (d: RESTPostAPIApplicationCommandsJSONBody): d is RESTPostAPIChatInputApplicationCommandsJSONBody =>
  d.type === undefined || d.type === ApplicationCommandType.ChatInput;

describe("help is generated from the registered definitions", () => {
  const definitions = commandDefinitions(asLibrary(engine));

  it("each registered chat-input command is described as it is registered, the context menu by its name", () => {
    const help = renderHelp(definitions, "42").embeds?.[0] as APIEmbed;
    const commandsField = help.fields?.find((f) => f.name === "Commands")?.value ?? "";
    for (const d of definitions) {
      if (!isChatInput(d)) {
        expect(help.fields?.map((f) => f.name)).toContain(d.name);
        continue;
      }
      const required = (d.options ?? []).filter((o) => o.required === true).map((o) => ` <${o.name}>`);
      expect(commandsField).toContain(`\`/${d.name}${required.join("")}`);
      expect(commandsField).toContain(d.description);
    }
    expect(commandsField).toContain("`/ask <question> [article] [private]`");
  });

  it("the terminal's commands and descriptions are the registered ones", () => {
    const text = terminalHelp();
    for (const entry of COMMAND_HELP) {
      const registered = definitions.filter(isChatInput).find((d) => d.name === entry.name);
      expect(registered?.description, entry.name).toBe(entry.description);
      expect(text).toContain(entry.description);
      const argument = "argument" in entry ? ` <${entry.argument}>` : "";
      expect(text).toContain(`/${entry.name}${argument}`);
      if ("argument" in entry) expect(registered?.options?.[0]?.name).toBe(entry.argument);
    }
  });
});
