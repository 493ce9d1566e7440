/**
 * The gateway bot's METRICS_PORT server, with the REAL discord.js client against the fake Discord:
 * /healthz 200 once the gateway is ready and 503 when it is not; /metrics with the gateway gauges and the
 * interactions the bot answered.
 */
import { describe, expect, it } from "vitest";
import { startGatewayBot } from "../../src/discord/gateway/start.js";
import { startFakeDiscord } from "../support/fake-discord/index.js";
import { freePort } from "../support/redis.js";
import { option } from "../support/payloads.js";
import { callbackBody, memoryLogger, referenceEngine, testConfig, TOKEN } from "./harness.js";

describe("METRICS_PORT on the gateway bot", () => {
  it("/healthz is 200 once ready and 503 when the gateway is gone; /metrics has the gauges and the interactions", async () => {
    const fake = await startFakeDiscord({ token: TOKEN });
    const port = await freePort();
    const logger = memoryLogger();
    const gateway = await startGatewayBot(
      testConfig(fake, { METRICS_PORT: String(port), HOST: "127.0.0.1" }),
      referenceEngine,
      logger,
    );
    const base = `http://127.0.0.1:${port}`;
    try {
      expect(logger.lines.find((l) => l.event === "metrics-listening")?.fields.port).toBe(port);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);

      const question = referenceEngine.kb.qa[0]!.question;
      const sent = fake.sendInteraction(fake.slashCommand("ask", [option.string("question", question)]));
      expect(callbackBody(await sent.waitForCallback(10_000)).type).toBe(4);
      const text = await (await fetch(`${base}/metrics`)).text();
      expect(text).toMatch(/^articleqa_gateway_ready_shards 1$/m);
      expect(text).toMatch(/^articleqa_gateway_ping_seconds /m);
      // Counted under the engine's own outcome for the question.
      const { outcome } = referenceEngine.answer(question);
      expect(text).toContain(`articleqa_interactions_total{command="ask",outcome="${outcome}"} 1\n`);
      expect(text).toMatch(/^articleqa_answer_duration_seconds_count 1$/m);
      expect(text).toMatch(/^process_resident_memory_bytes /m); // prom-client's default metrics

      // Discord goes away: the client cannot reconnect, so the bot is not ready.
      await fake.close();
      await expect.poll(async () => (await fetch(`${base}/healthz`)).status, { timeout: 10_000 }).toBe(503);
      expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ ok: false });
    } finally {
      await gateway.stop();
      await fake.close();
    }
    // Stopped: the metrics server is closed too.
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });
});
