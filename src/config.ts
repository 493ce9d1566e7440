import { z } from "zod";

/**
 * Configuration from the environment (and .env, loaded by dotenv in the entry points).
 * Every variable is documented in .env.example. The token is never printed: errors name the
 * variable, not its value.
 */

export const DISCORD_API_DEFAULT = "https://discord.com/api";

/** No token: unset, empty, or an obvious placeholder such as .env.example's "your-bot-token-here". */
export function isPlaceholderToken(token: string | undefined): boolean {
  if (token === undefined) return true;
  const t = token.trim();
  return t === "" || /your|placeholder|changeme|example|xxx/i.test(t);
}

/**
 * What is wrong with a token that is set (and not a placeholder) but cannot be a bot token, or undefined
 * when it is shaped like one: three dot-separated base64url parts. The message never quotes the token.
 */
export function tokenShapeProblem(token: string): string | undefined {
  const t = token.trim();
  if (/^bot\s/i.test(t)) return 'it starts with "Bot ": put only the token itself in DISCORD_TOKEN';
  if (/^["'].*["']$/.test(t)) return "it is wrapped in quotes that are part of the value: remove them";
  if (/\s/.test(t)) return "it contains spaces or line breaks";
  if (/[^\w.-]/.test(t)) return "it contains characters a token never has (only letters, digits, '-', '_' and '.')";
  const parts = t.split(".");
  if (parts.length !== 3)
    return `it has ${parts.length} dot-separated part${parts.length === 1 ? "" : "s"}; a bot token has 3`;
  if (!/^[\w-]{6,}\.[\w-]{2,}\.[\w-]{6,}$/.test(t) || t.length < 50)
    return `it is too short (${t.length} characters) to be a bot token`;
  return undefined;
}

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));
/** Discord ids are snowflakes: 17 to 20 digits today (19 for recent ones). */
const snowflake = optionalString.refine((v) => v === undefined || /^\d{17,20}$/.test(v), {
  message: "must be a Discord id: 17 to 20 digits (Developer Mode → right-click → Copy ID)",
});
const positiveInt = (fallback: number) =>
  optionalString
    .refine((v) => v === undefined || /^\d+$/.test(v), { message: "must be a whole number" })
    .transform((v) => (v === undefined ? fallback : Number(v)))
    .refine((n) => n > 0, { message: "must be greater than 0" });

const envSchema = z.object({
  DISCORD_TOKEN: optionalString,
  DISCORD_CLIENT_ID: snowflake,
  DISCORD_GUILD_ID: snowflake,
  DISCORD_PUBLIC_KEY: optionalString.refine((v) => v === undefined || /^[0-9a-fA-F]{64}$/.test(v), {
    message: "must be the application's public key: 64 hex characters",
  }),
  DISCORD_REST_URL: optionalString
    .refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), { message: "must be an http(s) URL" })
    .transform((v) => (v ?? DISCORD_API_DEFAULT).replace(/\/+$/, "")),
  RATE_LIMIT_COUNT: positiveInt(5),
  RATE_LIMIT_WINDOW_SECONDS: positiveInt(30),
  LOG_LEVEL: optionalString
    .transform((v) => (v ?? "info").toLowerCase())
    .pipe(z.enum(["debug", "info", "warn", "error", "silent"])),
  SHARDS: optionalString.refine((v) => v === undefined || v === "auto" || /^\d+$/.test(v), {
    message: 'must be "auto" or a number of shards',
  }),
  PORT: positiveInt(8787).refine((n) => n < 65536, { message: "must be a port number" }),
  HOST: optionalString.transform((v) => v ?? "0.0.0.0"),
  REDIS_URL: optionalString.refine((v) => v === undefined || /^rediss?:\/\/[^\s]+$/.test(v), {
    message: "must be a redis:// or rediss:// URL",
  }),
  METRICS_PORT: optionalString
    .refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) > 0 && Number(v) < 65536), {
      message: "must be a port number",
    })
    .transform((v) => (v === undefined ? undefined : Number(v))),
  HTTP_MAX_CONNECTIONS: positiveInt(1024),
  HTTP_MAX_BODY_BYTES_IN_FLIGHT: positiveInt(16_000_000),
});

/** The store's variables, validated on their own too: `npm run ask` reads only these. */
const storageSchema = z.object({
  DATA_DIR: optionalString,
  DATABASE_URL: optionalString.refine((v) => v === undefined || /^postgres(ql)?:\/\/\S+$/.test(v), {
    message: "must be a postgres:// or postgresql:// URL",
  }),
  QUESTION_LOG: optionalString
    .transform((v) => (v ?? "on").toLowerCase())
    .pipe(z.enum(["on", "off"], { message: 'must be "on" or "off"' })),
  QUESTION_LOG_DAYS: positiveInt(30).refine((n) => n <= 3650, { message: "must be at most 3650 (ten years)" }),
  QUESTION_LOG_SECRET: optionalString.refine((v) => v === undefined || v.length >= 16, {
    message: "must be at least 16 characters (e.g. the output of `openssl rand -hex 32`)",
  }),
});

/** Where and how the bot stores what it remembers (src/storage). */
export interface StorageConfig {
  /** DATA_DIR: the SQLite file's directory; undefined: `<repo>/data`. */
  readonly dataDir: string | undefined;
  /** DATABASE_URL: PostgreSQL instead of SQLite. */
  readonly databaseUrl: string | undefined;
  /** QUESTION_LOG (on/off) and QUESTION_LOG_DAYS. */
  readonly questionLog: { readonly enabled: boolean; readonly days: number };
  /** QUESTION_LOG_SECRET: the key of user-id hashes; undefined: generated once and kept in the store. */
  readonly secret: string | undefined;
}

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

export interface Config {
  /** Undefined when missing, a placeholder or malformed: the bot then runs in local terminal mode. */
  readonly token: string | undefined;
  /** Set when DISCORD_TOKEN is set but cannot be a token: what is wrong with it (never the value). */
  readonly tokenProblem: string | undefined;
  readonly clientId: string | undefined;
  readonly guildId: string | undefined;
  readonly publicKey: string | undefined;
  readonly restUrl: string;
  readonly rateLimit: { readonly count: number; readonly windowMs: number };
  readonly logLevel: LogLevel;
  readonly shards: "auto" | number | undefined;
  readonly port: number;
  readonly host: string;
  /** REDIS_URL: when set, the per-user rate limit is shared through Redis by every instance and shard. */
  readonly redisUrl: string | undefined;
  /** METRICS_PORT: the gateway bot's /metrics and /healthz (the HTTP endpoint serves them on PORT). */
  readonly metricsPort: number | undefined;
  /** The HTTP endpoint's caps: open connections, and bytes of request bodies being received at once. */
  readonly http: { readonly maxConnections: number; readonly maxBodyBytesInFlight: number };
  readonly storage: StorageConfig;
}

/**
 * DISCORD_CLIENT_ID alone, by the rule loadConfig applies, for commands that need nothing else
 * (`npm run invite`): the id, or what is wrong with it (never its value), or neither when it is unset.
 */
export function clientIdFromEnv(env: NodeJS.ProcessEnv = process.env): { clientId?: string; problem?: string } {
  const parsed = envSchema.shape.DISCORD_CLIENT_ID.safeParse(env.DISCORD_CLIENT_ID);
  if (!parsed.success) return { problem: parsed.error.issues[0]?.message ?? "is not a Discord id" };
  return parsed.data === undefined ? {} : { clientId: parsed.data };
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

function invalid(issues: readonly z.core.$ZodIssue[]): ConfigError {
  const lines = issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
  return new ConfigError(
    `Invalid configuration (check .env; .env.example documents each variable):\n${lines.join("\n")}`,
  );
}

/** The store's settings alone (DATA_DIR, DATABASE_URL, QUESTION_LOG, QUESTION_LOG_DAYS, QUESTION_LOG_SECRET). */
export function loadStorageConfig(env: NodeJS.ProcessEnv = process.env): StorageConfig {
  const parsed = storageSchema.safeParse(env);
  if (!parsed.success) throw invalid(parsed.error.issues);
  const e = parsed.data;
  return {
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    questionLog: { enabled: e.QUESTION_LOG === "on", days: e.QUESTION_LOG_DAYS },
    secret: e.QUESTION_LOG_SECRET,
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.extend(storageSchema.shape).safeParse(env);
  if (!parsed.success) throw invalid(parsed.error.issues);
  const e = parsed.data;
  const given = isPlaceholderToken(e.DISCORD_TOKEN) ? undefined : e.DISCORD_TOKEN;
  const tokenProblem = given === undefined ? undefined : tokenShapeProblem(given);
  return {
    token: tokenProblem === undefined ? given : undefined,
    tokenProblem,
    clientId: e.DISCORD_CLIENT_ID,
    guildId: e.DISCORD_GUILD_ID,
    publicKey: e.DISCORD_PUBLIC_KEY,
    restUrl: e.DISCORD_REST_URL,
    rateLimit: { count: e.RATE_LIMIT_COUNT, windowMs: e.RATE_LIMIT_WINDOW_SECONDS * 1000 },
    logLevel: e.LOG_LEVEL,
    shards: e.SHARDS === undefined ? undefined : e.SHARDS === "auto" ? "auto" : Number(e.SHARDS),
    port: e.PORT,
    host: e.HOST,
    redisUrl: e.REDIS_URL,
    metricsPort: e.METRICS_PORT,
    http: { maxConnections: e.HTTP_MAX_CONNECTIONS, maxBodyBytesInFlight: e.HTTP_MAX_BODY_BYTES_IN_FLIGHT },
    storage: loadStorageConfig(env),
  };
}

/** The password in a database URL, for redaction from logs (undefined when it has none or cannot be parsed). */
export function databasePassword(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password === "" ? undefined : password;
  } catch {
    return undefined;
  }
}
