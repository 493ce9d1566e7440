import { generateKeyPairSync } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { createInteractionContext } from "../src/discord/core/context.js";
import { handleInteraction } from "../src/discord/handle-interaction.js";
import { createInteractionsServer } from "../src/http/server.js";
import { publicKeyToHex } from "../src/http/verify-signature.js";
import { createLogger } from "../src/logger.js";
import type { APIInteraction } from "discord.js";
import { twoPacks } from "./support/packs.js";
import * as build from "./support/payloads.js";
import { option, type JsonObject as Json } from "./support/payloads.js";
import { signatureHeaders } from "./support/signing.js";

/** The HTTP endpoint with two articles loaded answers exactly as the shared handler does (the same modules). */
const { publicKey, privateKey } = generateKeyPairSync("ed25519");
const { reference, second, library } = twoPacks();
const config = loadConfig({ RATE_LIMIT_COUNT: "100", RATE_LIMIT_WINDOW_SECONDS: "60" });
let server: Server;
let url: string;

beforeAll(async () => {
  const ctx = createInteractionContext(config, library, createLogger("silent"));
  server = createInteractionsServer({
    publicKey: publicKeyToHex(publicKey),
    ctx,
    logger: createLogger("silent"),
    requestTimeoutMs: 5_000,
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/interactions`;
});

afterAll(async () => {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
});

async function overHttpAndDirect(payload: APIInteraction): Promise<Json> {
  const body = JSON.stringify(payload);
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...signatureHeaders(body, privateKey) },
    body,
  });
  expect(res.status).toBe(200);
  const json = (await res.json()) as Json;
  const direct = await handleInteraction(payload, createInteractionContext(config, library, createLogger("silent")));
  expect(json).toEqual(JSON.parse(JSON.stringify(direct)));
  return json;
}

const fresh = () => ({ user: build.user() });

describe("two articles over the HTTP endpoint", () => {
  it("/ask with and without the article option, /source's list, and article autocomplete match the shared handler", async () => {
    const asked = await overHttpAndDirect(
      build.slashCommand("ask", [option.string("question", second.sentences[3]!.text)], fresh()),
    );
    expect(JSON.stringify(asked)).toContain(second.meta.title.slice(0, 40));
    await overHttpAndDirect(
      build.slashCommand(
        "ask",
        [option.string("question", reference.qa[0]!.question), option.string("article", second.id)],
        fresh(),
      ),
    );
    const listed = await overHttpAndDirect(build.slashCommand("source", [], fresh()));
    expect(JSON.stringify(listed)).toContain("2 articles loaded");
    const auto = build.autocomplete("ask", [option.focused("article", reference.meta.title.slice(0, 5))], fresh());
    const choices = await overHttpAndDirect(auto);
    expect(JSON.stringify(choices)).toContain(`"value":"${reference.id}"`);
  });
});
