/**
 * Reading an interaction request's raw body under the endpoint's limits: a per-request size cap, a deadline,
 * and a byte budget shared by every body being received at once. The server (server.ts) and its routes
 * (routes.ts) decide what to answer; this module only reads, or stops reading.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

type BodyResult =
  | { readonly kind: "ok"; readonly body: Buffer }
  | { readonly kind: "too-large" }
  | { readonly kind: "busy" }
  | { readonly kind: "timeout" }
  | { readonly kind: "aborted" };

/**
 * Reads the raw body with a streaming cap and a deadline. Past the cap (or the deadline) it stops
 * listening for data at once, so an endless or huge body is never buffered.
 */
export function readBody(
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
  timeoutMs: number,
  inFlight: { bytes: number },
  maxInFlight: number,
): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    // This request's bytes count against the shared budget until its response is done (or the socket closes).
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      inFlight.bytes -= size;
    };
    res.once("close", release);
    const finish = (result: BodyResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("aborted", onAborted);
      req.off("close", onClose);
      if (result.kind !== "ok") {
        req.pause();
        chunks.length = 0;
        release();
      }
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      if (size + chunk.length > limit) return finish({ kind: "too-large" });
      if (inFlight.bytes + chunk.length > maxInFlight) return finish({ kind: "busy" });
      size += chunk.length;
      inFlight.bytes += chunk.length;
      chunks.push(chunk);
    };
    const onEnd = (): void => finish({ kind: "ok", body: Buffer.concat(chunks, size) });
    const onAborted = (): void => finish({ kind: "aborted" });
    const onClose = (): void => {
      if (!req.complete) finish({ kind: "aborted" });
    };
    const timer = setTimeout(() => finish({ kind: "timeout" }), timeoutMs);
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("aborted", onAborted);
    req.on("close", onClose);
    // A stream error (socket reset) also ends in "close"; listening keeps it from being unhandled.
    req.on("error", () => finish({ kind: "aborted" }));
  });
}
