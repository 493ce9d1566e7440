/**
 * How the interactions server answers: JSON bodies, 405 with the methods allowed, and the refusals sent before
 * a body is (fully) read, after which the connection is closed and its socket destroyed rather than left for
 * the client to hold.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";

/**
 * After the server's last answer on a connection (a 413/408/503 refusal, a timeout, malformed HTTP): the
 * longest the socket stays open when that answer cannot be flushed (a client that stopped reading). Once it
 * is flushed, the socket is destroyed at once.
 */
const LINGER_MS = 1_000;

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(json),
    "Cache-Control": "no-store",
    ...headers,
  });
  res.end(json);
}

export function refuseMethod(res: ServerResponse, allow: string): void {
  sendJson(res, 405, { error: "method not allowed" }, { Allow: allow });
}

/**
 * Answers without (fully) reading the request body, then closes the connection: the unread rest
 * of the body would otherwise be taken for the next request. The connection is half-closed after
 * the response and destroyed shortly after, so the client can read the answer but cannot keep
 * streaming into a connection the server has given up on.
 */
export function refuse(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (req.complete) return sendJson(res, status, body, headers);
  sendJson(res, status, body, { ...headers, Connection: "close" });
  // Counted from now, not from when the answer is flushed: a client that stopped reading never lets it be.
  destroyWhenAnswered(req.socket);
}

/**
 * The server has answered for the last time on this connection: the socket is destroyed as soon as the answer
 * is flushed and the connection half-closed, and at the latest LINGER_MS from now when it cannot be flushed
 * (the client stopped reading, its receive window full). Either way no client holds it, half-closed
 * (FIN_WAIT2) or with unsent data, for as long as it likes.
 */
export function destroyWhenAnswered(socket: Socket): void {
  const deadline = setTimeout(() => socket.destroy(), LINGER_MS);
  deadline.unref();
  socket.once("close", () => clearTimeout(deadline));
  if (socket.writableFinished) socket.destroy();
  else socket.once("finish", () => socket.destroy());
}
