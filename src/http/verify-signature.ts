import { createPublicKey, verify, type KeyObject } from "node:crypto";

/**
 * Discord signs every request to an Interactions Endpoint URL with the application's Ed25519 key:
 * `X-Signature-Ed25519` (hex) is the signature of `X-Signature-Timestamp + raw body`, checked
 * against the public key shown in the developer portal (DISCORD_PUBLIC_KEY, hex).
 *
 * Ed25519 is built into Node 20's `node:crypto`, so no extra dependency (`discord-interactions`,
 * tweetnacl) is needed. Everything here returns a result instead of throwing: a request with
 * missing, empty, non-hex or wrong-length headers is simply not verified.
 */

export const SIGNATURE_HEADER = "x-signature-ed25519";
export const TIMESTAMP_HEADER = "x-signature-timestamp";

/**
 * Replay protection: a signed request whose timestamp is more than this far from the server's
 * clock (either direction) is rejected, so a captured request cannot be re-sent later. Discord
 * does not require it (its own `discord-interactions` library does not check the timestamp), but
 * Discord sends requests the moment they happen, so five minutes leaves ample room for clock
 * skew and queueing. A server whose clock is off by more than that rejects everything: keep NTP on.
 */
export const MAX_TIMESTAMP_SKEW_SECONDS = 5 * 60;

/** SPKI DER header of an Ed25519 public key; the raw 32-byte key follows it. */
const ED25519_SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");
const HEX_KEY = /^[0-9a-fA-F]{64}$/;
const HEX_SIGNATURE = /^[0-9a-fA-F]{128}$/;
/** Unix seconds, as Discord sends them; at most 12 digits so Number() stays exact. */
const TIMESTAMP = /^\d{1,12}$/;

/** The application's public key (64 hex characters, as the developer portal shows it) as a KeyObject. */
export function publicKeyFromHex(hex: string): KeyObject {
  const trimmed = hex.trim();
  if (!HEX_KEY.test(trimmed)) throw new Error("The public key must be 64 hex characters (an Ed25519 key).");
  return createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(trimmed, "hex")]),
    format: "der",
    type: "spki",
  });
}

/** The raw public key as hex (the last 32 bytes of its SPKI DER): what DISCORD_PUBLIC_KEY holds. */
export function publicKeyToHex(key: KeyObject): string {
  return key.export({ format: "der", type: "spki" }).subarray(-32).toString("hex");
}

type VerifyFailure =
  | "missing-signature"
  | "malformed-signature"
  | "missing-timestamp"
  | "malformed-timestamp"
  | "stale-timestamp"
  | "bad-signature";

export type VerifyResult = { readonly ok: true } | { readonly ok: false; readonly reason: VerifyFailure };

export interface VerifyInput {
  readonly publicKey: KeyObject;
  /** The header values as Node gives them (a repeated header arrives as an array: rejected). */
  readonly signature: string | readonly string[] | undefined;
  readonly timestamp: string | readonly string[] | undefined;
  readonly rawBody: Buffer;
  /** The clock, in milliseconds since the epoch; injectable for tests. */
  readonly now?: () => number;
  readonly maxSkewSeconds?: number;
}

/** Verifies a Discord interaction request. Never throws. */
export function verifyDiscordRequest(input: VerifyInput): VerifyResult {
  const { signature, timestamp } = input;
  if (typeof signature !== "string" || signature === "") return fail("missing-signature");
  if (!HEX_SIGNATURE.test(signature)) return fail("malformed-signature");
  if (typeof timestamp !== "string" || timestamp === "") return fail("missing-timestamp");
  if (!TIMESTAMP.test(timestamp)) return fail("malformed-timestamp");

  const nowSeconds = (input.now ?? Date.now)() / 1000;
  const maxSkew = input.maxSkewSeconds ?? MAX_TIMESTAMP_SKEW_SECONDS;
  if (!Number.isFinite(nowSeconds) || Math.abs(nowSeconds - Number(timestamp)) > maxSkew)
    return fail("stale-timestamp");

  try {
    const signed = Buffer.concat([Buffer.from(timestamp, "utf8"), input.rawBody]);
    return verify(null, signed, input.publicKey, Buffer.from(signature, "hex")) ? { ok: true } : fail("bad-signature");
  } catch {
    // A key of the wrong type or an OpenSSL error: not verified, never a crash.
    return fail("bad-signature");
  }
}

function fail(reason: VerifyFailure): VerifyResult {
  return { ok: false, reason };
}
