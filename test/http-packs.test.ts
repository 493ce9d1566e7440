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
import { guildInteraction, signatureHeaders, snowflake, type Json } from "./support/interactions.js";
import { twoPacks } from "./support/packs.js";

/** The HTTP endpoint with two articles loaded answers exactly as the shared handler does (the same modules). */
const { publicKey, privateKey } = generateKeyPairSync("ed25519");
const { second, library } = twoPacks();
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

async function overHttpAndDirect(payload: Json): Promise<Json> {
  const body = JSON.stringify(payload);
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...signatureHeaders(body, privateKey) },
    body,
  });
  expect(res.status).toBe(200);
  const json = (await res.json()) as Json;
  const direct = await handleInteraction(
    payload as never,
    createInteractionContext(config, library, createLogger("silent")),
  );
  expect(json).toEqual(JSON.parse(JSON.stringify(direct)));
  return json;
}

const command = (name: string, options: Json[]) =>
  guildInteraction(2, { id: "1100000000000000010", name, type: 1, options }, snowflake());

describe("two articles over the HTTP endpoint", () => {
  it("/ask with and without the article option, /source's list, and article autocomplete match the shared handler", async () => {
    const asked = await overHttpAndDirect(
      command("ask", [{ name: "question", type: 3, value: "How many drivers were trained for the line?" }]),
    );
    expect(JSON.stringify(asked)).toContain("Kilbarra");
    await overHttpAndDirect(
      command("ask", [
        { name: "question", type: 3, value: "Who is Kim Yo Jong?" },
        { name: "article", type: 3, value: second.id },
      ]),
    );
    const listed = await overHttpAndDirect(command("source", []));
    expect(JSON.stringify(listed)).toContain("2 articles loaded");
    const auto = guildInteraction(
      4,
      {
        id: "1100000000000000010",
        name: "ask",
        type: 1,
        options: [{ name: "article", type: 3, value: "putin", focused: true }],
      },
      snowflake(),
    );
    const choices = await overHttpAndDirect(auto);
    expect(JSON.stringify(choices)).toContain("putin-north-korea-2024");
  });
});
