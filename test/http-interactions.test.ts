/**
 * The HTTP Interactions Endpoint, over real HTTP on 127.0.0.1, signed with an Ed25519 key pair
 * generated here (as Discord signs with the application's key). Every interaction must answer with exactly
 * what the transport-agnostic `handleInteraction` returns for the same payload: the HTTP server and
 * the gateway bot share the dispatcher and every feature, the HTTP layer only adds verification and limits.
 * What each command answers is tested on the shared handler (test/discord/).
 */
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import http, { type Server } from "node:http";
import { createConnection, type AddressInfo } from "node:net";
import type { APIInteraction } from "discord.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { defaultEngine } from "../src/answer/index.js";
import { loadConfig } from "../src/config.js";
import { createInteractionContext } from "../src/discord/core/context.js";
import type { InteractionContext } from "../src/discord/core/types.js";
import { handleInteraction } from "../src/discord/handle-interaction.js";
import { commands } from "../src/discord/registry.js";
import { createInteractionsServer } from "../src/http/server.js";
import { MAX_TIMESTAMP_SKEW_SECONDS, publicKeyToHex, verifyDiscordRequest } from "../src/http/verify-signature.js";
import { createLogger } from "../src/logger.js";
import * as build from "./support/payloads.js";
import { option, TOKEN_PREFIX, type JsonObject as Json } from "./support/payloads.js";
import { nowSeconds, signatureHeaders as signedBy } from "./support/signing.js";

const { publicKey, privateKey } = generateKeyPairSync("ed25519");
const PUBLIC_KEY_HEX = publicKeyToHex(publicKey);
const RATE_LIMIT = 3;

const engine = defaultEngine();
const config = loadConfig({
  RATE_LIMIT_COUNT: String(RATE_LIMIT),
  RATE_LIMIT_WINDOW_SECONDS: "600",
  LOG_LEVEL: "debug",
});
const logLines: string[] = [];
const logger = createLogger("debug", (line) => logLines.push(line));

let ctx: InteractionContext;
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  ctx = createInteractionContext(config, engine, logger);
  server = createInteractionsServer({ publicKey: PUBLIC_KEY_HEX, ctx, logger, requestTimeoutMs: 5_000 });
  baseUrl = await listen(server);
});

afterAll(async () => {
  await close(server);
});

// ---------------------------------------------------------------------------------------------
// Shared by the tests below: signing, requests, reading responses.

function signatureHeaders(body: string, timestamp = nowSeconds(), key: KeyObject = privateKey): Record<string, string> {
  return signedBy(body, key, timestamp);
}

async function listen(s: Server): Promise<string> {
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

async function close(s: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => s.close(() => resolve()));
  s.closeAllConnections();
  await closed;
}

async function post(
  body: string,
  headers: Record<string, string>,
  url = `${baseUrl}/interactions`,
): Promise<{ status: number; json: Json }> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  return { status: res.status, json: (await res.json()) as Json };
}

/** Posts a payload signed with the application's key, as Discord does. */
async function send(payload: unknown): Promise<{ status: number; json: Json }> {
  const body = JSON.stringify(payload);
  return post(body, signatureHeaders(body));
}

/** A fresh user for each request, so the per-user rate limit only bites where a test means it to. */
const fresh = () => ({ user: build.user() });

function dataOf(response: Json): Json {
  expect(response).toHaveProperty("data");
  return (response as { data: Json }).data;
}

function isEphemeral(response: Json): boolean {
  return (Number(dataOf(response).flags ?? 0) & 64) === 64;
}

/** Every custom_id under a message response, in order. */
function customIds(response: Json): string[] {
  const ids: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === "object" && value !== null) {
      for (const [k, v] of Object.entries(value)) {
        if (k === "custom_id" && typeof v === "string") ids.push(v);
        else walk(v);
      }
    }
  };
  walk(dataOf(response).components);
  return ids;
}

/** The same payload through the transport-agnostic handler directly (its own rate limiter). */
async function direct(payload: APIInteraction): Promise<unknown> {
  const directCtx = createInteractionContext(config, engine, createLogger("silent"));
  return JSON.parse(JSON.stringify(await handleInteraction(payload, directCtx)));
}

/** Posts over HTTP, checks 200 and that the answer equals handleInteraction's for the same payload. */
async function sameAsHandler(payload: APIInteraction): Promise<Json> {
  const { status, json } = await send(payload);
  expect(status).toBe(200);
  expect(json).toEqual(await direct(payload));
  return json;
}

// ---------------------------------------------------------------------------------------------

describe("signature verification (unit)", () => {
  const body = Buffer.from('{"type":1}');
  const at = 1_718_000_000;
  const clock = () => at * 1000;
  const sig = signedBy(body.toString(), privateKey, String(at))["x-signature-ed25519"]!;

  it("accepts a good signature and rejects malformed headers without throwing", () => {
    const check = (signature: unknown, timestamp: unknown, raw = body) =>
      verifyDiscordRequest({
        publicKey,
        signature: signature as string,
        timestamp: timestamp as string,
        rawBody: raw,
        now: clock,
      });
    expect(check(sig, String(at))).toEqual({ ok: true });
    expect(check(undefined, String(at))).toEqual({ ok: false, reason: "missing-signature" });
    expect(check("", String(at))).toEqual({ ok: false, reason: "missing-signature" });
    expect(check("zz".repeat(64), String(at))).toEqual({ ok: false, reason: "malformed-signature" });
    expect(check(sig.slice(2), String(at))).toEqual({ ok: false, reason: "malformed-signature" });
    expect(check([sig, sig], String(at))).toEqual({ ok: false, reason: "missing-signature" });
    expect(check(sig, undefined)).toEqual({ ok: false, reason: "missing-timestamp" });
    expect(check(sig, "12.5")).toEqual({ ok: false, reason: "malformed-timestamp" });
    expect(check(sig, "soon")).toEqual({ ok: false, reason: "malformed-timestamp" });
    expect(check(sig, String(at + 1))).toEqual({ ok: false, reason: "bad-signature" });
    expect(check(sig, String(at), Buffer.from('{"type":2}'))).toEqual({ ok: false, reason: "bad-signature" });
  });

  it("rejects timestamps more than five minutes from the injected clock, either way", () => {
    for (const skew of [MAX_TIMESTAMP_SKEW_SECONDS + 1, -(MAX_TIMESTAMP_SKEW_SECONDS + 1)]) {
      const result = verifyDiscordRequest({
        publicKey,
        signature: sig,
        timestamp: String(at),
        rawBody: body,
        now: () => (at + skew) * 1000,
      });
      expect(result).toEqual({ ok: false, reason: "stale-timestamp" });
    }
    const inside = verifyDiscordRequest({
      publicKey,
      signature: sig,
      timestamp: String(at),
      rawBody: body,
      now: () => (at + 299) * 1000,
    });
    expect(inside).toEqual({ ok: true });
  });
});
describe("every interaction over HTTP answers exactly as handleInteraction does", () => {
  it("PING → PONG", async () => {
    const { status, json } = await send(build.ping());
    expect(status).toBe(200);
    expect(json).toEqual({ type: 1 });
  });

  it("GET /healthz → 200", async () => {
    const res = await fetch(`${baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  const question = engine.kb.qa[0]!.question;
  const fact = engine.kb.facts[0]!;
  /** [what, payload, the response type, ephemeral or not] for every command, the context menu, autocomplete. */
  const cases: [string, () => APIInteraction, number, boolean][] = [
    ["/ask", () => build.slashCommand("ask", [option.string("question", question)], fresh()), 4, false],
    [
      "/ask private:true",
      () => build.slashCommand("ask", [option.string("question", question), option.boolean("private", true)], fresh()),
      4,
      true,
    ],
    [
      "/ask of nothing in the article",
      () => build.slashCommand("ask", [option.string("question", "zqxv plorf")], fresh()),
      4,
      false,
    ],
    ["/fact", () => build.slashCommand("fact", [option.string("topic", fact.name)], fresh()), 4, false],
    [
      "/fact of an unknown topic",
      () => build.slashCommand("fact", [option.string("topic", "zqxv plorf")], fresh()),
      4,
      true,
    ],
    ["/quote", () => build.slashCommand("quote", [option.integer("sentence", 5)], fresh()), 4, false],
    ["/source", () => build.slashCommand("source", [], fresh()), 4, false],
    ["/summary", () => build.slashCommand("summary", [], fresh()), 4, false],
    ["/help", () => build.slashCommand("help", [], fresh()), 4, true],
    [
      "Check against article",
      () =>
        build.messageContextMenu(
          "Check against article",
          build.message({ content: engine.kb.sentences[4]!.text }),
          fresh(),
        ),
      4,
      true,
    ],
    [
      "/ask autocomplete",
      () => build.autocomplete("ask", [option.focused("question", question.slice(0, 8))], fresh()),
      8,
      false,
    ],
    [
      "/fact autocomplete, nothing typed",
      () => build.autocomplete("fact", [option.focused("topic", "")], fresh()),
      8,
      false,
    ],
    ["/review by a member without Manage Server", () => build.slashCommand("review", [], fresh()), 4, true],
    ["/article list", () => build.slashCommand("article", [{ name: "list", type: 1, options: [] }], fresh()), 4, true],
    ["an unknown command", () => build.slashCommand("no-such-command", [], fresh()), 4, true],
    ["a modal submit", () => build.modalSubmit("form", { text: "hi" }, fresh()), 4, true],
  ];

  it.each(cases)("%s", async (_what, payload, type, ephemeral) => {
    const json = await sameAsHandler(payload());
    expect(json.type).toBe(type);
    if (type === 4) {
      expect(isEphemeral(json)).toBe(ephemeral);
      expect(dataOf(json).allowed_mentions).toEqual({ parse: [] });
    } else {
      const choices = (dataOf(json).choices ?? []) as unknown[];
      expect(choices.length).toBeGreaterThan(0);
      expect(choices.length).toBeLessThanOrEqual(25);
    }
  });

  it("every command is covered above", () => {
    const covered = new Set(cases.map(([what]) => what.replace(/^\//, "").split(" ")[0]));
    for (const command of commands) {
      const name = command.name === "Check against article" ? "Check" : command.name;
      expect(covered, command.name).toContain(name);
    }
  });

  it("buttons from an /ask answer, and the select menu they lead to, work over HTTP (stateless custom_ids)", async () => {
    const asker = build.user();
    const ask = await send(build.slashCommand("ask", [option.string("question", question)], { user: asker }));
    expect(ask.status).toBe(200);
    const ids = customIds(ask.json);
    const showContext = ids.find((id) => id.startsWith("ctx:"));
    const related = ids.find((id) => id.startsWith("rel:"));
    expect(showContext).toBeDefined();
    expect(related).toBeDefined();
    // The message the components are on, as Discord includes it in a component interaction.
    const onMessage = build.message({
      author: build.user(build.APP_ID, { bot: true }),
      embeds: dataOf(ask.json).embeds as [],
      components: dataOf(ask.json).components as [],
    });
    const contextJson = await sameAsHandler(build.button(showContext!, { ...fresh(), message: onMessage }));
    expect(contextJson.type).toBe(4);
    const relatedJson = await sameAsHandler(build.button(related!, { ...fresh(), message: onMessage }));
    const menu = customIds(relatedJson).find((id) => id.startsWith("relq:"));
    expect(menu).toBeDefined();
    const options = JSON.stringify(dataOf(relatedJson).components);
    const entry = engine.kb.qa.find((e) => options.includes(`"value":"${e.id}"`));
    expect(entry).toBeDefined();
    const picked = await sameAsHandler(build.select(menu!, [entry!.id], { ...fresh(), message: onMessage }));
    expect(isEphemeral(picked)).toBe(true);
    expect(JSON.stringify(picked)).toContain(entry!.sentences[0]!);
  });

  it("unknown interaction types get a clear ephemeral message", async () => {
    const ofUnknownType: unknown = { ...build.slashCommand("ask", [], fresh()), type: 99 };
    const json = await sameAsHandler(ofUnknownType as APIInteraction);
    expect(json.type).toBe(4);
    expect(isEphemeral(json)).toBe(true);
    expect(dataOf(json).content).toMatch(/\S/);
  });

  it("the per-user rate limit applies over HTTP, per user", async () => {
    const busy = build.user();
    const ask = (user: ReturnType<typeof build.user>) => send(build.ask(question, { user }));
    for (let i = 0; i < RATE_LIMIT; i++) {
      const { status, json } = await ask(busy);
      expect(status).toBe(200);
      expect(isEphemeral(json)).toBe(false);
    }
    const limited = await ask(busy);
    expect(limited.status).toBe(200);
    expect(limited.json.type).toBe(4);
    expect(isEphemeral(limited.json)).toBe(true);
    expect(JSON.stringify(limited.json)).toMatch(/too fast/);

    const other = await ask(build.user());
    expect(other.status).toBe(200);
    expect(isEphemeral(other.json)).toBe(false);
    expect(dataOf(other.json).embeds).toHaveLength(1);
  });
});

describe("bad requests are refused, and the server keeps serving", () => {
  afterEach(async () => {
    // After every bad request: a good one is still answered.
    const { status, json } = await send(build.ping());
    expect(status).toBe(200);
    expect(json).toEqual({ type: 1 });
  });

  /** How many interactions reached the handler (it logs one "interaction" line each). */
  const handled = () => logLines.filter((l) => l.includes('"event":"interaction"')).length;

  const pingBody = () => JSON.stringify(build.ping());
  const askBody = () =>
    JSON.stringify(build.slashCommand("ask", [option.string("question", "Who is Kim Jong Un?")], fresh()));

  it("no signature headers → 401", async () => {
    const res = await post(pingBody(), {});
    expect(res).toEqual({ status: 401, json: { error: "invalid request signature" } });
  });

  it("a signature by another key → 401, and the handler never sees it", async () => {
    const before = handled();
    const other = generateKeyPairSync("ed25519").privateKey;
    const body = askBody();
    const res = await post(body, signatureHeaders(body, nowSeconds(), other));
    expect(res).toEqual({ status: 401, json: { error: "invalid request signature" } });
    expect(before).toBeGreaterThan(0); // the commands above were counted, so the count means something
    expect(handled()).toBe(before);
  });

  it("a body changed after signing → 401", async () => {
    const before = handled();
    const body = askBody();
    const headers = signatureHeaders(body);
    const res = await post(body.replace("Kim Jong Un", "Kim Jong Il"), headers);
    expect(res.status).toBe(401);
    // The same signature with the timestamp changed fails too: it is part of the signed message.
    const shifted = { ...headers, "x-signature-timestamp": String(Number(headers["x-signature-timestamp"]) - 1) };
    expect((await post(body, shifted)).status).toBe(401);
    expect(handled()).toBe(before);
  });

  it("a missing timestamp header → 401", async () => {
    const body = pingBody();
    const { "x-signature-ed25519": signature } = signatureHeaders(body);
    const res = await post(body, { "x-signature-ed25519": signature! });
    expect(res.status).toBe(401);
  });

  it("a stale (or future) timestamp, correctly signed → 401", async () => {
    const body = pingBody();
    const old = String(Math.floor(Date.now() / 1000) - MAX_TIMESTAMP_SKEW_SECONDS - 60);
    expect((await post(body, signatureHeaders(body, old))).status).toBe(401);
    const future = String(Math.floor(Date.now() / 1000) + MAX_TIMESTAMP_SKEW_SECONDS + 60);
    expect((await post(body, signatureHeaders(body, future))).status).toBe(401);
  });

  it("malformed signature headers (non-hex, wrong length, empty) → 401", async () => {
    const body = pingBody();
    const good = signatureHeaders(body);
    for (const signature of ["", "not-hex!".repeat(16), good["x-signature-ed25519"]!.slice(0, 64)]) {
      expect((await post(body, { ...good, "x-signature-ed25519": signature })).status).toBe(401);
    }
  });

  it("malformed JSON with a valid signature → 400; JSON that is not an interaction → 400", async () => {
    for (const body of ['{"type":1,', "not json at all", "[1,2,3]", "null", '{"type":"1"}']) {
      const res = await post(body, signatureHeaders(body));
      expect(res.status).toBe(400);
      expect(typeof res.json.error).toBe("string");
    }
  });

  it("a body just under the limit is still accepted", async () => {
    const padding = "x".repeat(900_000);
    const body = JSON.stringify({ ...build.ping(), padding });
    const res = await post(body, signatureHeaders(body));
    expect(res).toEqual({ status: 200, json: { type: 1 } });
  });

  it("Content-Length over the limit → 413 before the body is sent", async () => {
    // Declares 5 MB but sends only 1 KB: the answer can only come from the header.
    const res = await rawRequest({ "content-length": "5000000", "content-type": "application/json" }, (req) =>
      req.write("x".repeat(1024)),
    );
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toEqual({ error: "request body too large" });
  });

  it("Expect: 100-continue with an oversized Content-Length → 413, and no invitation to send the body", async () => {
    let invited = false;
    const res = await rawRequest(
      { "content-length": "5000000", "content-type": "application/json", expect: "100-continue" },
      (req) => {
        req.on("continue", () => (invited = true));
        req.flushHeaders();
      },
    );
    expect(res.status).toBe(413);
    expect(invited).toBe(false);
  });

  it("a chunked body with no length that grows past the limit → 413", async () => {
    let written = 0;
    const res = await rawRequest(
      { "transfer-encoding": "chunked", "content-type": "application/json" },
      (req, answered) => {
        const chunk = Buffer.alloc(64 * 1024, 0x61);
        const pump = (): void => {
          // Up to 8 MB, then give up: the server must have answered long before.
          while (!answered() && written < 8_000_000) {
            written += chunk.length;
            if (!req.write(chunk)) {
              req.once("drain", pump);
              return;
            }
          }
        };
        pump();
      },
    );
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toEqual({ error: "request body too large" });
  });

  it("slow clients: a body that trickles in, or headers that never end → 408", async () => {
    const logs: string[] = [];
    const slowServer = createInteractionsServer({
      publicKey: PUBLIC_KEY_HEX,
      ctx,
      logger: createLogger("info", (l) => logs.push(l)),
      requestTimeoutMs: 300,
    });
    const slowUrl = await listen(slowServer);
    try {
      const res = await rawRequest(
        { "content-length": "100", "content-type": "application/json" },
        (req) => req.write('{"type":'),
        slowUrl,
      );
      expect(res.status).toBe(408);
      expect(logs.join("")).toContain("body-timeout");
      // Headers that never finish are timed out too (by Node's headersTimeout).
      const headersReply = await rawSocket(
        slowUrl,
        "POST /interactions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: app",
      );
      expect(headersReply).toMatch(/^HTTP\/1\.1 408/);
      // And it still answers good requests.
      const body = pingBody();
      expect(await post(body, signatureHeaders(body), `${slowUrl}/interactions`)).toEqual({
        status: 200,
        json: { type: 1 },
      });
    } finally {
      await close(slowServer);
    }
  });

  it("unknown paths → 404, wrong methods → 405", async () => {
    expect((await fetch(`${baseUrl}/nope`)).status).toBe(404);
    const get = await fetch(`${baseUrl}/interactions`);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect((await fetch(`${baseUrl}/healthz`, { method: "POST", body: "{}" })).status).toBe(405);
  });

  it("garbage that is not HTTP at all is answered 400, not a crash", async () => {
    const reply = await rawSocket(baseUrl, "HELLO\r\n\r\n\u0000\u0001\r\n\r\n");
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
  });

  it("logs never contain the interaction token or the public key", () => {
    expect(logLines.length).toBeGreaterThan(0);
    const all = logLines.join("");
    expect(all).not.toContain(TOKEN_PREFIX);
    expect(all).not.toContain(PUBLIC_KEY_HEX);
  });
});

/** Writes raw bytes to the server and resolves with everything it sends back before closing. */
function rawSocket(url: string, bytes: string): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: "127.0.0.1", port: Number(port) }, () => socket.write(bytes));
    let text = "";
    socket.on("data", (d) => (text += d.toString()));
    socket.on("close", () => resolve(text));
    socket.on("error", reject);
  });
}

/**
 * A request with node:http, for what fetch cannot do (declare a length it will not send, stream
 * chunks while watching for an early answer). Resolves on the response, whatever the socket does after.
 */
function rawRequest(
  headers: Record<string, string>,
  write: (req: http.ClientRequest, answered: () => boolean) => void,
  url = baseUrl,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(`${url}/interactions`, { method: "POST", headers, agent: false }, (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, body });
        req.destroy();
      });
      res.on("error", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    // After the answer the server closes the connection; a reset then is expected, not a failure.
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    write(req, () => answered);
  });
}
