import { createRequire } from "node:module";
import type { pino as Pino } from "pino";
import type { LogLevel } from "./config.js";

/**
 * Structured logs, written by pino: one JSON line per event on stderr ({"level","time","event",...fields},
 * `level` as its name, `time` ISO 8601), at LOG_LEVEL and above. Secrets never reach a line: fields named
 * like secrets (REDACTED_PATHS: tokens, authorization headers, interaction tokens) are replaced by pino's
 * redaction, and secrets registered with `redact()` (the bot token, the public key), or shaped like a bot
 * token, are replaced wherever they appear in the line, so a stray error message quoting them cannot leak
 * them either.
 *
 * Event names are kebab-case. The ones in use:
 *   process     shutdown, shutdown-error, stopped, uncaught-exception, unhandled-rejection
 *   gateway     ready, client-error, client-warning, shard-error, shard-disconnect, shard-reconnecting,
 *               shard-resumed, shard-created, shard-died, shard-start-failed, metrics-listening
 *   answering   interaction, interaction-error, interaction-handler-threw, interaction-callback-failed,
 *               interaction-follow-up, interaction-follow-up-failed, message, message-error, commands-deployed
 *   packs       pack-reloaded, pack-reload-failed (the old pack stays served), pack-unloaded,
 *               stored-pack-shadowed, stored-packs-unavailable, article-added, article-removed,
 *               article-build-failed, review-decided
 *   http        listening, http-rejected, http-unauthorized (sampled), http-client-error,
 *               http-request-failed, http-interaction
 *   rate limit  rate-limiter-unavailable (once per outage), rate-limiter-recovered, rate-limiter-not-ready
 *   store       store-migrated, store-unavailable, store-write-failed (one per write not stored, naming it),
 *               store-read-failed (once per outage; then debug), store-recovered, store-connection-dropped,
 *               store-listen-lost, store-listen-restored, store-listener-threw, store-pruned
 */
export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

const CENSOR = "[redacted]";

/**
 * Fields pino replaces by "[redacted]" whatever they hold: a token or an authorization header logged by
 * mistake, at the top level or one or two levels down (an interaction payload's `token`, a request's
 * `headers.authorization`).
 */
const REDACTED_PATHS = [
  "token",
  "*.token",
  "*.*.token",
  "interactionToken",
  "*.interactionToken",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
] as const;

const secrets = new Set<string>();

/** Never log this value (tokens, keys). */
export function redact(secret: string | undefined): void {
  if (secret !== undefined && secret.length >= 8) secrets.add(secret);
}

function scrub(text: string): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(CENSOR);
  // Anything shaped like a bot token or a Bot authorization header, even if not registered.
  return out
    .replace(/\bBot\s+[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}/g, `Bot ${CENSOR}`)
    .replace(/\b[\w-]{24,}\.[\w-]{6}\.[\w-]{27,}\b/g, CENSOR);
}

/**
 * An error as a log field: name, message and stack, with `secrets` (e.g. an interaction token, which a
 * URL in a discord.js error can quote) replaced. Never request headers or bodies. Registered secrets are
 * scrubbed again when the line is written.
 */
export function describeError(
  error: unknown,
  secrets: readonly string[] = [],
): { name: string; message: string; stack?: string } {
  const clean = (text: string): string => secrets.reduce((t, s) => (s === "" ? t : t.split(s).join(CENSOR)), text);
  if (error instanceof Error) {
    const out: { name: string; message: string; stack?: string } = { name: error.name, message: clean(error.message) };
    if (error.stack !== undefined) out.stack = clean(error.stack);
    return out;
  }
  return { name: "NonError", message: clean(String(error)) };
}

/** Error values among the fields become describeError's plain object (JSON would make them `{}`). */
function withErrorsDescribed(fields: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(fields)) {
    if (value instanceof Error) (out ??= { ...fields })[key] = describeError(value);
  }
  return out ?? fields;
}

/**
 * pino, loaded by the first createLogger (~20 ms): `describeError` and `redact` are imported by every entry
 * point, and the ones that never log (`npm run ask`, whose spawn-to-first-answer is measured) need not pay for it.
 */
let loadedPino: typeof Pino | undefined;
function loadPino(): typeof Pino {
  loadedPino ??= (createRequire(import.meta.url)("pino") as { pino: typeof Pino }).pino;
  return loadedPino;
}

/**
 * A logger at `level`, writing each line with `write` (default: stderr, synchronously, so the last lines
 * before an exit are not lost). The tests pass their own `write` to read the lines.
 */
export function createLogger(
  level: LogLevel = "info",
  write: (line: string) => void = (line) => process.stderr.write(line),
): Logger {
  const pino = loadPino();
  const log = pino(
    {
      level,
      base: undefined, // no pid and hostname on every line
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACTED_PATHS], censor: CENSOR },
      hooks: { streamWrite: scrub },
    },
    { write },
  );
  const at =
    (method: "debug" | "info" | "warn" | "error") =>
    (event: string, fields: Record<string, unknown> = {}): void => {
      if (log.isLevelEnabled(method)) log[method]({ event, ...withErrorsDescribed(fields) });
    };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}
