import { sign, type KeyObject } from "node:crypto";
import * as build from "./fake-discord/payloads.js";

/**
 * Interaction payloads (built by ./fake-discord/payloads.ts, like every payload the tests send) and
 * request signatures, shared by the HTTP endpoint's tests and its load test (bench/load-http.ts).
 */
export type Json = Record<string, unknown>;

export const APP_ID = "1100000000000000001";
export const GUILD_ID = "1100000000000000002";
export const CHANNEL_ID = "1100000000000000003";
export const TOKEN_PREFIX = "aW50ZXJhY3Rpb246c2VjcmV0LXRva2Vu";

export const snowflake = build.snowflake;

export function user(id: string): Json {
  return { ...build.user(id, { global_name: `User ${id.slice(-4)}` }) };
}

/** A guild interaction (`member`, with the user inside), from the shared payload builder. */
export function guildInteraction(type: number, data: Json | undefined, userId: string, extra: Json = {}): Json {
  const payload = build.interaction({
    applicationId: APP_ID,
    type,
    data,
    user: build.user(userId, { global_name: `User ${userId.slice(-4)}` }),
    guild: { id: GUILD_ID, channelId: CHANNEL_ID },
    token: `${TOKEN_PREFIX}.${snowflake()}`,
    extra,
  });
  return { ...payload };
}

/** `/ask question:<question>` from a user. */
export function askInteraction(question: string, userId: string): Json {
  return guildInteraction(
    2,
    { id: "1100000000000000010", name: "ask", type: 1, options: [{ name: "question", type: 3, value: question }] },
    userId,
  );
}

/** Discord's PING, as it sends one to check the endpoint. */
export function pingInteraction(): Json {
  return { id: snowflake(), application_id: APP_ID, type: 1, token: `${TOKEN_PREFIX}.ping`, version: 1 };
}

export function nowSeconds(): string {
  return String(Math.floor(Date.now() / 1000));
}

/** The headers Discord sends: an Ed25519 signature over timestamp + body. */
export function signatureHeaders(body: string, key: KeyObject, timestamp = nowSeconds()): Record<string, string> {
  return {
    "x-signature-ed25519": sign(null, Buffer.from(timestamp + body), key).toString("hex"),
    "x-signature-timestamp": timestamp,
  };
}
