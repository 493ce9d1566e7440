import { sign, type KeyObject } from "node:crypto";

/**
 * Discord-shaped interaction payloads and request signatures, shared by the HTTP endpoint's tests
 * and its load test (bench/load-http.ts), so both send what Discord sends.
 */
export type Json = Record<string, unknown>;

export const APP_ID = "1100000000000000001";
export const GUILD_ID = "1100000000000000002";
export const CHANNEL_ID = "1100000000000000003";
export const TOKEN_PREFIX = "aW50ZXJhY3Rpb246c2VjcmV0LXRva2Vu";

let sequence = 0;
export function snowflake(): string {
  sequence += 1;
  return String(1_250_000_000_000_000_000n + BigInt(sequence));
}

export function user(id: string): Json {
  return { id, username: `user${id.slice(-4)}`, discriminator: "0", global_name: `User ${id.slice(-4)}`, avatar: null };
}

/** The fields every guild interaction carries (`member`, with the user inside), as Discord sends them. */
export function guildInteraction(type: number, data: Json | undefined, userId: string, extra: Json = {}): Json {
  return {
    id: snowflake(),
    application_id: APP_ID,
    type,
    ...(data === undefined ? {} : { data }),
    guild_id: GUILD_ID,
    guild: { id: GUILD_ID, locale: "en-US", features: [] },
    channel_id: CHANNEL_ID,
    channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: "general" },
    member: {
      user: user(userId),
      roles: [],
      joined_at: "2024-01-01T00:00:00.000000+00:00",
      permissions: "2248473465835073",
      deaf: false,
      mute: false,
      flags: 0,
      nick: null,
      avatar: null,
      premium_since: null,
      pending: false,
    },
    token: `${TOKEN_PREFIX}.${snowflake()}`,
    version: 1,
    app_permissions: "2248473465835073",
    locale: "en-US",
    guild_locale: "en-US",
    entitlements: [],
    authorizing_integration_owners: { "0": GUILD_ID },
    context: 0,
    ...extra,
  };
}

/** `/ask question:<question>` from a user. */
export function askInteraction(question: string, userId: string): Json {
  return guildInteraction(2, { id: "1100000000000000010", name: "ask", type: 1, options: [{ name: "question", type: 3, value: question }] }, userId);
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
