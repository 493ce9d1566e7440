import type { LogLevel } from "./config.js";

/**
 * Structured logs: one JSON line per event on stderr ({"time","level","event",...fields}).
 * Secrets registered with `redact()` (the bot token, the public key) are replaced wherever they
 * appear, so a stray error message quoting them cannot leak them.
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

function serialize(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
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
