/**
 * `npm start`: the bot over the gateway with DISCORD_TOKEN set, else the local terminal mode that answers the same way.
 */
import { openLibrary } from "./answer/open-library.js";
import { runCli } from "./cli/guard.js";
import { EXIT } from "./cli/exit-codes.js";
import { questionRecorder } from "./cli/question-log.js";
import { runTerminalMode, terminalHelp } from "./cli/terminal-mode.js";
import { explainDiscordFailure, malformedTokenMessage } from "./discord/gateway/discord-errors.js";
import { loadEnvConfig, startRuntime } from "./runtime.js";

/**
 * `npm start`. With a Discord token: the gateway bot (or, with SHARDS set, the shard manager).
 * Without one (no .env, or a placeholder value): the local terminal mode, which answers with the
 * same engine and commands, so the project is usable before any Discord setup.
 */
export const NO_TOKEN_NOTE = `No Discord token found (DISCORD_TOKEN is missing or a placeholder), so this is the local terminal mode:
it answers exactly as the bot would. To run it on Discord, create an application at
https://discord.com/developers/applications, copy .env.example to .env, put the bot token in DISCORD_TOKEN and the
application id in DISCORD_CLIENT_ID, run \`npm run deploy-commands\` once, then \`npm start\` again (README: "Run it on Discord").`;

await runCli(async () => {
  const config = loadEnvConfig();
  if (config === undefined) return EXIT.usage;
  if (config.tokenProblem !== undefined) {
    process.stderr.write(`${malformedTokenMessage(config.tokenProblem)}\n`);
    return EXIT.usage;
  }
  const logger = startRuntime(config);
  // Load and validate the knowledge base first: an invalid base stops every mode with its message.
  const library = await openLibrary();
  if (config.token === undefined) {
    const interactive = process.stdin.isTTY === true;
    process.stdout.write(`${NO_TOKEN_NOTE}\n\n${interactive ? `${terminalHelp()}\n\n` : ""}`);
    const recorder = questionRecorder("terminal", config.storage, logger);
    try {
      await runTerminalMode(library, {
        input: process.stdin,
        output: process.stdout,
        color: interactive && process.stdout.isTTY === true && process.env.NO_COLOR === undefined,
        prompt: interactive,
        record: (question, result) => recorder.record(question, result),
      });
    } finally {
      await recorder.close();
    }
    return EXIT.ok;
  }
  const { startDiscord } = await import("./discord/gateway/start.js");
  try {
    await startDiscord(config, library, logger);
  } catch (error) {
    const explained = explainDiscordFailure(error, config.restUrl);
    if (explained === undefined) throw error;
    process.stderr.write(`${explained.message}\n`);
    // Exit now: discord.js may hold sockets or timers open after a failed login.
    process.exit(explained.exitCode);
  }
  return EXIT.ok;
});
