import type { AddressInfo } from "node:net";
import { openLibrary } from "../answer/open-library.js";
import { EXIT } from "../cli/exit-codes.js";
import { runCli } from "../cli/guard.js";
import { createInteractionContext, waitForRateLimiter } from "../discord/core/context.js";
import { describeError } from "../logger.js";
import { createMetrics } from "../metrics.js";
import { openOwner } from "../owner/index.js";
import { loadEnvConfig, onShutdown, startRuntime } from "../runtime.js";
import { INTERACTIONS_PATH } from "./routes.js";
import { createInteractionsServer } from "./server.js";

/**
 * `npm run start:http`: the bot as an HTTP Interactions Endpoint (no gateway connection, no bot
 * token needed to answer). Set the endpoint URL in the developer portal to
 * `https://<your host>/interactions`; Discord verifies it by sending a signed PING.
 */
export const NO_PUBLIC_KEY_NOTE = `DISCORD_PUBLIC_KEY is not set. The HTTP interactions endpoint verifies every request with the
application's public key: copy "Public Key" from your application's General Information page at
https://discord.com/developers/applications into DISCORD_PUBLIC_KEY in .env (README: "HTTP interactions endpoint").`;

let listening = false;

await runCli(async () => {
  const config = loadEnvConfig();
  if (config === undefined) return EXIT.usage;
  if (config.publicKey === undefined) {
    process.stderr.write(`${NO_PUBLIC_KEY_NOTE}\n`);
    return EXIT.usage;
  }
  const logger = startRuntime(config);

  // Load and validate the knowledge base before listening (an invalid base exits 3 via runCli), then open the
  // store: the articles added from Discord, the question log, the review.
  const library = await openLibrary();
  const owner = await openOwner({ storage: config.storage, logger, loaded: library.packs.map((p) => p.engine) });
  const ctx = createInteractionContext(config, library, logger, createMetrics(), { owner, transport: "http" });
  await waitForRateLimiter(ctx.rateLimiter, logger);
  const server = createInteractionsServer({
    publicKey: config.publicKey,
    ctx,
    logger,
    maxConnections: config.http.maxConnections,
    maxBodyBytesInFlight: config.http.maxBodyBytesInFlight,
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(config.port, config.host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    process.stderr.write(
      code === "EADDRINUSE"
        ? `Port ${config.port} on ${config.host} is already in use: set PORT to a free port.\n`
        : `Could not listen on ${config.host}:${config.port}: ${describeError(error).message}\n`,
    );
    await owner.close();
    return EXIT.internal;
  }
  const { port } = server.address() as AddressInfo;
  const shownHost = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
  logger.info("listening", { url: `http://${shownHost}:${port}${INTERACTIONS_PATH}`, host: config.host, port });

  listening = true;
  // Finish in-flight requests, drop idle keep-alive connections, and give up on stragglers after 5 s.
  onShutdown(async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const force = setTimeout(() => server.closeAllConnections(), 4_000);
    force.unref();
    await closed;
    clearTimeout(force);
    await ctx.rateLimiter.close?.();
    await ctx.conversations?.close?.();
    await owner.close();
  }, logger);
  return EXIT.ok;
});

// Not listening (bad configuration, port in use): exit with runCli's code, even if a library left a timer
// or handle behind. Listening: run until a signal (onShutdown exits).
if (!listening) process.exit();
