import type { LogLevel } from "./config.js";

/**
 * Structured logs: one JSON line per event on stderr ({"time","level","event",...fields}).
 * Secrets registered with `redact()` (the bot token, the public key) are replaced wherever they
 * appear, so a stray error message quoting them cannot leak them.
 *
 * Event names are kebab-case. The ones in use:
 *   process     shutdown, shutdown-error, stopped, uncaught-exception, unhandled-rejection
 *   gateway     ready, client-error, client-warning, shard-error, shard-disconnect, shard-reconnecting,
 *               shard-resumed, shard-created, shard-died, shard-start-failed, metrics-listening
 *   answering   interaction, interaction-error, interaction-handler-threw, interaction-callback-failed,
 *               message, message-error, commands-deployed
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

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
const secrets = new Set<string>();

/** Never log this value (tokens, keys). */
export function redact(secret: string | undefined): void {
  if (secret !== undefined && secret.length >= 8) secrets.add(secret);
}

function scrub(text: string): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join("[redacted]");
  // Anything shaped like a bot token or a Bot authorization header, even if not registered.
  return out
    .replace(/\bBot\s+[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}/g, "Bot [redacted]")
    .replace(/\b[\w-]{24,}\.[\w-]{6}\.[\w-]{27,}\b/g, "[redacted]");
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
  const clean = (text: string): string =>
    secrets.reduce((t, s) => (s === "" ? t : t.split(s).join("[redacted]")), text);
  if (error instanceof Error) {
    const out: { name: string; message: string; stack?: string } = { name: error.name, message: clean(error.message) };
    if (error.stack !== undefined) out.stack = clean(error.stack);
    return out;
  }
  return { name: "NonError", message: clean(String(error)) };
}

function serialize(value: unknown): unknown {
  return value instanceof Error ? describeError(value) : value;
}

export function createLogger(
  level: LogLevel = "info",
  write: (line: string) => void = (line) => process.stderr.write(line),
): Logger {
  const log =
    (at: Exclude<LogLevel, "silent">) =>
    (event: string, fields: Record<string, unknown> = {}): void => {
      if (ORDER[at] < ORDER[level]) return;
      const entries = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, serialize(v)]));
      write(`${scrub(JSON.stringify({ time: new Date().toISOString(), level: at, event, ...entries }))}\n`);
    };
  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
}
