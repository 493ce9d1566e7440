/**
 * Two HTTP interactions endpoints (the server in-process twice, each with its own store instance and packs, as
 * two `npm run start:http` behind a load balancer) on one real PostgreSQL server: an article added, reviewed or
 * removed through one is live on the other within seconds (the store's LISTEN/NOTIFY); a vote on one counts on
 * the other's question; /metrics counts the votes; and with the server stopped mid-session questions are still
 * answered, the log saying what was not stored.
 */
import { generateKeyPairSync } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { PermissionFlagsBits, type APIInteraction } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OUTCOME_LABEL } from "../src/answer/format-terminal.js";
import { loadConfig } from "../src/config.js";
import { createInteractionContext } from "../src/discord/core/context.js";
import { createInteractionsServer } from "../src/http/server.js";
import { publicKeyToHex } from "../src/http/verify-signature.js";
import { createMetrics } from "../src/metrics.js";
import { openOwner, type Owner } from "../src/owner/index.js";
import type { CallbackBody } from "./discord/harness.js";
import {
  componentsOf,
  memoryLogger,
  quotedCitations,
  referenceEngine,
  unescapeMarkdown,
  type MemoryLogger,
} from "./discord/harness.js";
import { FIXTURE_ARTICLE, fixtureDraft, sentenceWith } from "./support/fixture-pack.js";
import * as build from "./support/payloads.js";
import { DEFAULT_PERMISSIONS, option, type JsonObject } from "./support/payloads.js";
import { startPostgres, type PostgresServer } from "./support/postgres.js";
import { signatureHeaders } from "./support/signing.js";
import { waitFor } from "./support/store.js";

const { publicKey, privateKey } = generateKeyPairSync("ed25519");
const MODERATOR = { permissions: DEFAULT_PERMISSIONS | PermissionFlagsBits.ManageGuild };
/** Unsure on the fixture article, answered by the sentence about the children's section once taught. */
const KIDS = "what about the kids section";
const target = sentenceWith(fixtureDraft(), "children's section will move");

interface Instance {
  readonly url: string;
  readonly owner: Owner;
  readonly logger: MemoryLogger;
  readonly server: Server;
  send(payload: APIInteraction): Promise<CallbackBody>;
}

let postgres: PostgresServer;
const instances: Instance[] = [];

async function instance(databaseUrl: string): Promise<Instance> {
  const config = loadConfig({ DATABASE_URL: databaseUrl, QUESTION_LOG: "on", RATE_LIMIT_COUNT: "1000" });
  const logger = memoryLogger();
  const owner = await openOwner({ storage: config.storage, logger, loaded: [referenceEngine] });
  await owner.store.listening();
  const ctx = createInteractionContext(config, referenceEngine, logger, createMetrics({ defaultMetrics: false }), {
    owner,
    transport: "http",
    // Never deferred here: the answer is in the HTTP response, whatever the machine's load.
    deferAfterMs: 60_000,
  });
  const server = createInteractionsServer({ publicKey: publicKeyToHex(publicKey), ctx, logger });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const send = async (payload: APIInteraction): Promise<CallbackBody> => {
    const body = JSON.stringify(payload);
    const res = await fetch(`${url}/interactions`, {
      method: "POST",
      headers: { "content-type": "application/json", ...signatureHeaders(body, privateKey) },
      body,
    });
    expect(res.status).toBe(200);
    return (await res.json()) as CallbackBody;
  };
  const made = { url, owner, logger, server, send };
  instances.push(made);
  return made;
}

let a: Instance;
let b: Instance;

beforeAll(async () => {
  postgres = await startPostgres();
  const databaseUrl = await postgres.createDatabase();
  a = await instance(databaseUrl);
  b = await instance(databaseUrl);
}, 60_000);

afterAll(async () => {
  for (const i of instances) {
    await new Promise<void>((resolve) => {
      i.server.close(() => resolve());
      i.server.closeAllConnections();
    });
    await i.owner.close();
  }
  await postgres.destroy();
}, 60_000);

const sub = (name: string, options: JsonObject[] = []): JsonObject => ({ name, type: 1, options });
const ask = (question: string, article?: string) =>
  build.slashCommand(
    "ask",
    [option.string("question", question), ...(article === undefined ? [] : [option.string("article", article)])],
    { user: build.user() },
  );
const footerOf = (body: CallbackBody): string => body.data?.embeds?.[0]?.footer?.text ?? "";

describe("two HTTP instances on one PostgreSQL", { timeout: 60_000 }, () => {
  let id = "";

  it("an article added on one is answered from on the other within seconds", async () => {
    const added = await a.send(build.modalSubmit("artadd", { title: "", text: FIXTURE_ARTICLE }, MODERATOR));
    id = /as `([a-z0-9-]+)`/.exec(added.data?.content ?? "")?.[1] ?? "";
    expect(id, added.data?.content).not.toBe("");
    await waitFor(async () => footerOf(await b.send(ask("who is sam okoro", id))).includes("Riverside library"));
    const listed = await b.send(build.slashCommand("article", [sub("list")], MODERATOR));
    expect(listed.data?.embeds?.[0]?.description).toMatch(new RegExp(`\`${id}\`.*added from Discord`));
  });

  it("a question asked on one, 👎 on the other, reviewed on the first: the other answers it from the chosen sentence", async () => {
    const asked = await b.send(ask(KIDS, id));
    expect(footerOf(asked).startsWith(OUTCOME_LABEL.unsure)).toBe(true);
    const down = componentsOf(asked.data).find((c) => String(c.custom_id).endsWith(":down"));
    await b.owner.questions.settled();
    const voted = await a.send(build.button(String(down?.custom_id)));
    expect(voted.data?.content).toMatch(/👎 is recorded/);
    const metrics = await (await fetch(`${a.url}/metrics`)).text();
    expect(metrics).toMatch(/articleqa_feedback_total\{vote="down"\} 1/);

    const listed = await a.send(build.slashCommand("review", [], MODERATOR));
    expect(unescapeMarkdown(listed.data?.embeds?.[0]?.description ?? "")).toContain(KIDS);
    const menu = componentsOf(listed.data).find((c) => String(c.custom_id).startsWith(`rev:${id}:`));
    const decided = await a.send(build.select(String(menu?.custom_id), [target], MODERATOR));
    expect(decided.data?.content).toMatch(new RegExp(`now answered from \`${target}\``));
    await waitFor(
      async () => quotedCitations((await b.send(ask(KIDS, id))).data?.embeds?.[0]?.description)[0]?.id === target,
    );
    expect(footerOf(await b.send(ask(KIDS, id))).startsWith(OUTCOME_LABEL.answered)).toBe(true);
  });

  it("an article removed on one is gone from the other within seconds", async () => {
    const removed = await b.send(
      build.slashCommand("article", [sub("remove", [option.string("article", id)])], MODERATOR),
    );
    expect(removed.data?.content).toMatch(/^Removed "/);
    await waitFor(async () => /There is no article/.test((await a.send(ask(KIDS, id))).data?.content ?? ""));
    expect(a.owner.live.current.pack(id)).toBeUndefined();
  });

  it("the PostgreSQL server stopped mid-session: questions are still answered, the log says what was not stored; a vote says it could not be recorded", async () => {
    const before = await a.send(ask("who is kim yo jong"));
    await postgres.stop();
    try {
      const during = await a.send(ask("who is kim yo jong"));
      expect(during.data?.embeds).toEqual(before.data?.embeds);
      await a.owner.questions.settled();
      expect(
        a.logger.lines.some(
          (l) => l.event === "store-write-failed" && String(l.fields.what).startsWith("question log entry (http"),
        ),
      ).toBe(true);
      const up = componentsOf(during.data).find((c) => String(c.custom_id).endsWith(":up"));
      expect((await a.send(build.button(String(up?.custom_id)))).data?.content).toMatch(/couldn't record your vote/);
      const review = await a.send(build.slashCommand("review", [], MODERATOR));
      expect(review.data?.content).toMatch(/storage is unavailable/);
    } finally {
      await postgres.start();
    }
    await waitFor(async () => (await a.owner.store.questions.recent({ limit: 1 })).length > 0);
  });
});
