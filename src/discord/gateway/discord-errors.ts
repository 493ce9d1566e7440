import { DiscordAPIError, DiscordjsErrorCodes } from "discord.js";
import { EXIT } from "../../cli/exit-codes.js";

/**
 * Messages an operator can act on when talking to Discord fails at start-up (`npm start`, deploy-commands).
 * Never quotes the token.
 */

const TOKEN_REJECTED =
  "Discord rejected DISCORD_TOKEN (401 Unauthorized): reset it under Bot in the developer portal " +
  "(https://discord.com/developers/applications → your app → Bot → Reset Token) and put the new one in .env.";

export function malformedTokenMessage(problem: string): string {
  return `DISCORD_TOKEN is set but is not a bot token: ${problem}. Copy it again from https://discord.com/developers/applications → your app → Bot (or leave DISCORD_TOKEN empty for the local terminal mode).`;
}

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_SOCKET",
]);

function networkCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && NETWORK_CODES.has(code)) return code;
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors))
      for (const inner of errors) if (networkCode(inner) !== undefined) return networkCode(inner);
    e = (e as { cause?: unknown }).cause;
  }
  if (error instanceof Error && (error.name === "AbortError" || /fetch failed/i.test(error.message)))
    return error.name === "AbortError" ? "timeout" : "fetch failed";
  return undefined;
}

/**
 * The message and exit code for a failure to log in or call Discord, or undefined when it is neither a
 * rejected token nor an unreachable host (the caller reports it as it is).
 */
export function explainDiscordFailure(
  error: unknown,
  restUrl: string,
): { message: string; exitCode: number } | undefined {
  const rejected =
    (error instanceof DiscordAPIError && error.status === 401) ||
    (error instanceof Error && (error as { code?: unknown }).code === DiscordjsErrorCodes.TokenInvalid);
  if (rejected) return { message: TOKEN_REJECTED, exitCode: EXIT.usage };
  const code = networkCode(error);
  if (code !== undefined) {
    let host = restUrl;
    try {
      host = new URL(restUrl).host;
    } catch {
      // restUrl is validated by config; keep it as it is.
    }
    return {
      message: `Cannot reach Discord at ${host} (${code}): check this machine's network connection, or DISCORD_REST_URL if you set one (now ${restUrl}).`,
      exitCode: EXIT.internal,
    };
  }
  return undefined;
}
