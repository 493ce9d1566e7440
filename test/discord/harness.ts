/**
 * What the Discord layer's tests share: the shared handler run on a payload (`run`, with a context of the
 * reference pack or a given library), the REAL gateway bot (startBot: the discord.js client and every event
 * handler, exactly what startDiscord runs) against the fake Discord in ../support/fake-discord/, an in-memory
 * logger, and readers of the responses.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { APIEmbed, APIInteraction } from "discord.js";
import type { AnswerEngine } from "../../src/answer/engine.js";
import { defaultEngine } from "../../src/answer/index.js";
import { asLibrary, type Library } from "../../src/answer/library.js";
import { loadConfig, type Config } from "../../src/config.js";
import type { ConversationStore } from "../../src/discord/core/conversations.js";
import { RateLimiter } from "../../src/discord/core/rate-limit.js";
import type { InteractionContext } from "../../src/discord/core/types.js";
import { startBot, type BotHandle } from "../../src/discord/gateway/client.js";
import { handleInteraction } from "../../src/discord/handle-interaction.js";
import type { Logger } from "../../src/logger.js";
import type { Metrics } from "../../src/metrics.js";
import { openOwner, type Owner } from "../../src/owner/index.js";
import { openStore } from "../../src/storage/index.js";
import { packFiles } from "../support/owner.js";
import {
  startFakeDiscord,
  type FakeDiscord,
  type JsonObject,
  type RecordedRequest,
} from "../support/fake-discord/index.js";

/** Shaped like a real bot token (three base64url parts), so isPlaceholderToken() accepts it. */
export const TOKEN = "MTE0NTE0MTkxOTgxMDA4MTAx.GhJkLm.q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6";

interface LogLine {
  level: "debug" | "info" | "warn" | "error";
  event: string;
  fields: Record<string, unknown>;
}

export interface MemoryLogger extends Logger {
  readonly lines: LogLine[];
}

export function memoryLogger(): MemoryLogger {
  const lines: LogLine[] = [];
  const at =
    (level: LogLine["level"]) =>
    (event: string, fields: Record<string, unknown> = {}): void => {
      lines.push({ level, event, fields });
    };
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

/** The reference pack's engine, built once for every test file that uses it. */
export const referenceEngine = defaultEngine();

/**
 * A handler context over `library` (default: the reference pack alone) with a generous per-user limit and an
 * in-memory logger; `overrides` replace any part.
 */
export function handlerContext(overrides: Partial<InteractionContext> = {}): {
  ctx: InteractionContext;
  logger: MemoryLogger;
} {
  const logger = memoryLogger();
  const ctx: InteractionContext = {
    library: asLibrary(referenceEngine),
    logger,
    rateLimiter: new RateLimiter({ count: 1000, windowMs: 60_000 }),
    ...overrides,
  };
  return { ctx, logger };
}

/** The shared handler's response to `payload`, as the JSON both transports send. */
export async function run(
  payload: APIInteraction,
  ctx: InteractionContext = handlerContext().ctx,
): Promise<CallbackBody> {
  return JSON.parse(JSON.stringify(await handleInteraction(payload, ctx))) as CallbackBody;
}

/** The handler's "interaction" log lines. */
export function interactionLines(logger: MemoryLogger): LogLine[] {
  return logger.lines.filter((l) => l.event === "interaction");
}

export function testConfig(fake: FakeDiscord, env: Record<string, string> = {}): Config {
  return loadConfig({
    DISCORD_TOKEN: TOKEN,
    DISCORD_CLIENT_ID: fake.applicationId,
    DISCORD_REST_URL: fake.restUrl,
    LOG_LEVEL: "silent",
    RATE_LIMIT_COUNT: "1000",
    RATE_LIMIT_WINDOW_SECONDS: "30",
    ...env,
  });
}

export interface TestBot {
  readonly fake: FakeDiscord;
  readonly bot: BotHandle;
  readonly logger: MemoryLogger;
  readonly engine: AnswerEngine;
  readonly config: Config;
  stop(): Promise<void>;
}

export interface TestBotOptions {
  env?: Record<string, string>;
  engine?: AnswerEngine;
  /** Several packs (the engine is then the reference one, for expectations). */
  library?: Library;
  rateLimiter?: RateLimiter;
  /** Where conversations are kept (none: every question stands alone, as in a context without a store). */
  conversations?: ConversationStore;
}

export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const fake = await startFakeDiscord({ token: TOKEN });
  const config = testConfig(fake, options.env);
  const logger = memoryLogger();
  const engine = options.engine ?? referenceEngine;
  const context: InteractionContext = {
    library: options.library ?? asLibrary(engine),
    logger,
    rateLimiter:
      options.rateLimiter ?? new RateLimiter({ count: config.rateLimit.count, windowMs: config.rateLimit.windowMs }),
    ...(options.conversations === undefined ? {} : { conversations: options.conversations }),
  };
  let bot: BotHandle;
  try {
    bot = await startBot(config, context.library, { logger, context });
  } catch (error) {
    await fake.close();
    throw error;
  }
  return {
    fake,
    bot,
    logger,
    engine,
    config,
    stop: async () => {
      await bot.stop();
      await fake.close();
    },
  };
}

/** The JSON body of an interaction callback: `{ type, data }`. */
export interface CallbackBody {
  type: number;
  data?: {
    content?: string;
    flags?: number;
    embeds?: APIEmbed[];
    components?: JsonObject[];
    allowed_mentions?: unknown;
    choices?: { name: string; value: string | number }[];
  };
}

export function callbackBody(request: Pick<RecordedRequest, "body">): CallbackBody {
  return request.body as CallbackBody;
}

/** Every component (buttons, selects) in a message's action rows. */
export function componentsOf(data: { components?: JsonObject[] } | undefined): JsonObject[] {
  return (data?.components ?? []).flatMap((row) =>
    Array.isArray(row.components) ? (row.components as JsonObject[]) : [],
  );
}

export const EPHEMERAL = 64;

/** Undoes escapeMarkdown, to compare rendered quotes with the article text. */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\*_~`|>#\-[\]().!])/g, "$1");
}

/** The `> "text" — `S4`` quote lines of a description: [{ id, text }]. */
export function quotedCitations(description: string | undefined): { id: string; text: string }[] {
  return [...(description ?? "").matchAll(/^> "(.*)" — `(S\d+)`$/gm)].map((m) => ({
    id: m[2] ?? "",
    text: unescapeMarkdown(m[1] ?? ""),
  }));
}

/** A follow-up the dispatcher sent for a deferred response. */
interface SentFollowUp {
  readonly token: string;
  readonly data: CallbackBody["data"];
}

export interface OwnedContext {
  readonly ctx: InteractionContext;
  readonly logger: MemoryLogger;
  readonly owner: Owner;
  /** The knowledge directory it serves (a copy of `packs`), to read what a review wrote. */
  readonly root: string;
  /** Follow-ups of deferred responses, in order. */
  readonly followUps: SentFollowUp[];
  /** The follow-up for an interaction, once sent. */
  readonly followUpOf: (token: string) => Promise<SentFollowUp>;
  close(): Promise<void>;
}

/**
 * A handler context with an owner (the store: question log, votes, review, articles, defaults) over a
 * temporary knowledge directory holding `packs` (id → files; default: the fixture article as
 * `millbrook-library`) and a SQLite store in `dataDir` (default: a new temporary one), the question log on.
 * Deferred responses' follow-ups are captured instead of sent to Discord; a response is deferred only with
 * `deferAfterMs` (0: always, for the actions that wait on a worker thread or the store).
 */
export async function ownedContext(
  options: {
    packs?: Record<string, Record<string, string>>;
    dataDir?: string;
    questionLog?: boolean;
    deferAfterMs?: number;
    metrics?: Metrics;
  } = {},
): Promise<OwnedContext> {
  const root = mkdtempSync(join(tmpdir(), "owned-knowledge-"));
  for (const [id, files] of Object.entries(options.packs ?? { "millbrook-library": packFiles() })) {
    mkdirSync(join(root, id));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(root, id, name), text);
  }
  const data = options.dataDir ?? mkdtempSync(join(tmpdir(), "owned-data-"));
  const logger = memoryLogger();
  const store = await openStore({
    dataDir: data,
    logger,
    pruneDaily: false,
    retryMs: 0,
    questionLog: { enabled: options.questionLog ?? true },
  });
  const owner = await openOwner({ storage: store, logger, root, articles: undefined });
  const followUps: SentFollowUp[] = [];
  const waiting = new Map<string, (sent: SentFollowUp) => void>();
  const ctx: InteractionContext = {
    get library() {
      return owner.live.current;
    },
    logger,
    rateLimiter: new RateLimiter({ count: 1000, windowMs: 60_000 }),
    owner,
    followUp: (interaction, data) => {
      const sent = { token: interaction.token, data: JSON.parse(JSON.stringify(data)) as CallbackBody["data"] };
      followUps.push(sent);
      waiting.get(interaction.token)?.(sent);
      return Promise.resolve();
    },
    // Replies are deferred only when a test asks (deferAfterMs: 0): a loaded machine never changes a reply's shape.
    deferAfterMs: options.deferAfterMs ?? 60_000,
    ...(options.metrics === undefined ? {} : { metrics: options.metrics }),
  };
  return {
    ctx,
    logger,
    owner,
    root,
    followUps,
    followUpOf: (token) => {
      const sent = followUps.find((f) => f.token === token);
      if (sent !== undefined) return Promise.resolve(sent);
      return new Promise((resolve) => waiting.set(token, resolve));
    },
    close: async () => {
      await owner.close();
      rmSync(root, { recursive: true, force: true });
      if (options.dataDir === undefined) rmSync(data, { recursive: true, force: true });
    },
  };
}
