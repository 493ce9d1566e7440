import { Client, Events, GatewayIntentBits, Partials, type ClientOptions } from "discord.js";
import type { AnswerEngine } from "../../answer/engine.js";
import type { Library } from "../../answer/library.js";
import type { Config } from "../../config.js";
import { createLogger, redact, type Logger } from "../../logger.js";
import { createInteractionContext } from "../core/context.js";
import type { InteractionContext } from "../core/types.js";
import { registerEvents } from "./events.js";

/**
 * The gateway client. Intents: Guilds, GuildMessages, DirectMessages — NOT the privileged MessageContent
 * (Discord still delivers the content of messages that mention the bot, and of DMs). Partials.Channel is needed
 * for DMs (the DM channel is not cached when its first message arrives). `rest.api` is DISCORD_REST_URL, which
 * routes REST — and so gateway discovery — through a proxy, or the tests' fake Discord. allowedMentions
 * {parse: []} is the default for everything sent through discord.js's classes.
 */
function createBotClient(config: Config): Client {
  const options: ClientOptions = {
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    rest: { api: config.restUrl },
    allowedMentions: { parse: [] },
  };
  // Under ShardingManager, discord.js reads this process's shard from the SHARDS/SHARD_COUNT variables the
  // manager sets. Otherwise run the one shard explicitly, so a stray SHARDS value (our own setting, e.g. an
  // empty `SHARDS=` line in .env) is never JSON-parsed by discord.js as a shard list.
  if (process.env.SHARDING_MANAGER === undefined) {
    options.shards = [0];
    options.shardCount = 1;
  }
  return new Client(options);
}

export interface BotHandle {
  readonly client: Client<true>;
  readonly context: InteractionContext;
  /** Destroys the client (closes the gateway connection). Idempotent. */
  stop(): Promise<void>;
}

export interface StartBotOptions {
  readonly logger?: Logger;
  /** Handler context to use instead of one built from config (tests inject engines/limiters this way). */
  readonly context?: InteractionContext;
  /** Called with the client as soon as it exists, before login (the health check watches it). */
  readonly onClient?: (client: Client) => void;
}

/**
 * Creates the client, registers every event handler, logs in and resolves once the client is ready (all
 * guilds received). What `startDiscord` runs in the non-sharded case and each shard runs under the manager.
 */
export async function startBot(
  config: Config,
  engine: Library | AnswerEngine,
  options: StartBotOptions = {},
): Promise<BotHandle> {
  const token = config.token;
  if (token === undefined) throw new Error("startBot: DISCORD_TOKEN is missing or a placeholder");
  redact(token);
  const logger = options.logger ?? createLogger(config.logLevel);
  const context = options.context ?? createInteractionContext(config, engine, logger);
  const client = createBotClient(config);
  registerEvents(client, context);
  options.onClient?.(client);
  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  try {
    await client.login(token);
  } catch (error) {
    await client.destroy();
    throw error;
  }
  const readyClient = await ready;
  let stopped: Promise<void> | undefined;
  return {
    client: readyClient,
    context,
    stop: () => (stopped ??= client.destroy()),
  };
}
