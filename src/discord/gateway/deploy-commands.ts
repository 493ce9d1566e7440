/**
 * `npm run deploy-commands`: registers the bot's application commands with Discord.
 *   DISCORD_GUILD_ID set → PUT /applications/:id/guilds/:guild/commands (that one server, instant updates)
 *   otherwise           → PUT /applications/:id/commands (global; can take a while to appear everywhere)
 * PUT replaces the whole set, so commands removed from the code disappear from Discord too.
 */
import { pathToFileURL } from "node:url";
import {
  ApplicationCommandType,
  DiscordAPIError,
  REST,
  Routes,
  type RESTPostAPIApplicationCommandsJSONBody,
  type RESTPutAPIApplicationCommandsResult,
} from "discord.js";
import type { AnswerEngine } from "../../answer/engine.js";
import { openLibrary } from "../../answer/open-library.js";
import { asLibrary, type Library } from "../../answer/library.js";
import { ConfigError, type Config } from "../../config.js";
import { EXIT } from "../../cli/exit-codes.js";
import { runCli } from "../../cli/guard.js";
import { redact, type Logger } from "../../logger.js";
import { loadEnvConfig } from "../../runtime.js";
import { commandDefinitions } from "../registry.js";
import { explainDiscordFailure, malformedTokenMessage } from "./discord-errors.js";

export interface DeployResult {
  readonly scope: "guild" | "global";
  readonly guildId: string | undefined;
  /** What was sent (the command JSON). */
  readonly sent: RESTPostAPIApplicationCommandsJSONBody[];
  /** What Discord returned (with ids). */
  readonly registered: RESTPutAPIApplicationCommandsResult;
}

/** The reasons deploy-commands cannot run, named by variable (never by value). */
export function missingDeploySettings(config: Config): string[] {
  const missing: string[] = [];
  if (config.token === undefined) {
    missing.push(
      "DISCORD_TOKEN is missing or a placeholder: copy the bot token from https://discord.com/developers/applications → your app → Bot.",
    );
  }
  if (config.clientId === undefined) {
    missing.push(
      "DISCORD_CLIENT_ID is missing: copy the Application ID from https://discord.com/developers/applications → your app → General Information.",
    );
  }
  return missing;
}

export async function deployCommands(
  config: Config,
  logger?: Logger,
  source?: Library | AnswerEngine,
): Promise<DeployResult> {
  const missing = missingDeploySettings(config);
  if (missing.length > 0 || config.token === undefined || config.clientId === undefined)
    throw new ConfigError(missing.join("\n"));
  redact(config.token);
  const body = commandDefinitions(asLibrary(source ?? (await openLibrary())));
  const route =
    config.guildId === undefined
      ? Routes.applicationCommands(config.clientId)
      : Routes.applicationGuildCommands(config.clientId, config.guildId);
  const rest = new REST({ api: config.restUrl }).setToken(config.token);
  try {
    const registered = (await rest.put(route, { body })) as RESTPutAPIApplicationCommandsResult;
    const result: DeployResult = {
      scope: config.guildId === undefined ? "global" : "guild",
      guildId: config.guildId,
      sent: body,
      registered,
    };
    logger?.info("commands-deployed", {
      scope: result.scope,
      guild: result.guildId ?? null,
      commands: registered.map((c) => c.name),
    });
    return result;
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

/** Human-readable summary of a deployment, one command a line. */
export function describeDeployment(result: DeployResult): string {
  const where =
    result.scope === "guild"
      ? `to guild ${result.guildId ?? "?"} (available there immediately)`
      : "globally (new commands can take up to an hour to show up in every server)";
  const lines = result.registered.map((c) =>
    c.type === ApplicationCommandType.Message
      ? `  - "${c.name}" (message context menu)`
      : `  - /${c.name} — ${c.description}`,
  );
  return [`Registered ${result.registered.length} commands ${where}:`, ...lines].join("\n");
}

async function main(): Promise<number> {
  const config = loadEnvConfig();
  if (config === undefined) return EXIT.usage;
  if (config.tokenProblem !== undefined) {
    process.stderr.write(`${malformedTokenMessage(config.tokenProblem)}\n`);
    return EXIT.usage;
  }
  const missing = missingDeploySettings(config);
  if (missing.length > 0) {
    process.stderr.write(
      `Cannot register commands:\n${missing.map((m) => `  - ${m}`).join("\n")}\nSee .env.example.\n`,
    );
    return EXIT.usage;
  }
  try {
    process.stdout.write(`${describeDeployment(await deployCommands(config))}\n`);
    return EXIT.ok;
  } catch (error) {
    const explained = explainDiscordFailure(error, config.restUrl);
    if (explained !== undefined) {
      process.stderr.write(`${explained.message}\n`);
      return explained.exitCode;
    }
    if (!(error instanceof DiscordAPIError)) throw error;
    const hint =
      error.status === 401
        ? " (check DISCORD_TOKEN)"
        : error.status === 404 || error.status === 403
          ? " (check DISCORD_CLIENT_ID, and that the bot is in DISCORD_GUILD_ID's server)"
          : "";
    process.stderr.write(`Discord refused the commands: ${error.status} ${error.message}${hint}\n`);
    return EXIT.internal;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runCli(main);
}
