import type { AnswerEngine } from "../../answer/engine.js";
import type { Config } from "../../config.js";
import type { Logger } from "../../logger.js";
import { RateLimiter } from "../rate-limit.js";
import type { InteractionContext } from "../types.js";

/** The shared handler context for one process: the engine, a per-user rate limiter from config, the logger. */
export function createInteractionContext(config: Config, engine: AnswerEngine, logger: Logger): InteractionContext {
  return {
    engine,
    rateLimiter: new RateLimiter({ count: config.rateLimit.count, windowMs: config.rateLimit.windowMs }),
    logger,
  };
}
