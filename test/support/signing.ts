import { sign, type KeyObject } from "node:crypto";

/** Request signatures as Discord signs them, for the HTTP endpoint's tests and its load test (bench/load-http.ts). */

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
