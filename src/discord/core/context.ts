import type { AnswerEngine } from "../../answer/engine.js";
import { asLibrary, type Library } from "../../answer/library.js";
import type { Config } from "../../config.js";
import type { Logger } from "../../logger.js";
import type { Metrics } from "../../metrics.js";
import { CONVERSATION_TTL_MS } from "../../answer/conversation.js";
import { MemoryConversationStore, type ConversationStore } from "./conversations.js";
import { restFollowUp } from "./follow-up.js";
import { RateLimiter, type UserRateLimiter } from "./rate-limit.js";
import { RedisConversationStore } from "./redis-conversations.js";
import { RedisRateLimiter } from "./redis-rate-limit.js";
import type { InteractionContext } from "./types.js";

/**
 * The shared handler context for one process: the library of packs (timed into the metrics' answer histogram when
 * there are metrics), the per-user rate limiter and the conversations from config (shared through Redis with
 * REDIS_URL, in memory otherwise), the logger and the metrics. With an owner, the library is the one it serves now
 * (packs added, taught or removed are swapped in without a restart), and the question log, votes, review and
 * articles work; follow-ups of deferred responses go through DISCORD_REST_URL.
 */
export function createInteractionContext(
  config: Config,
  source: Library | AnswerEngine,
  logger: Logger,
  metrics?: Metrics,
  options: Pick<InteractionContext, "owner" | "transport" | "followUp" | "deferAfterMs"> = {},
): InteractionContext {
  const { owner } = options;
  const fixed = asLibrary(source);
  const timed = new WeakMap<Library, Library>();
  const served = (): Library => {
    const library = owner?.live.current ?? fixed;
    if (metrics === undefined) return library;
    let wrapped = timed.get(library);
    if (wrapped === undefined) {
      wrapped = timedLibrary(library, metrics);
      timed.set(library, wrapped);
    }
    return wrapped;
  };
  return {
    get library() {
      return served();
    },
    rateLimiter: createRateLimiter(config, logger, metrics),
    conversations: createConversations(config, logger),
    logger,
    followUp: options.followUp ?? restFollowUp(config.restUrl),
    ...(metrics === undefined ? {} : { metrics }),
    ...(owner === undefined ? {} : { owner }),
    ...(options.transport === undefined ? {} : { transport: options.transport }),
    ...(options.deferAfterMs === undefined ? {} : { deferAfterMs: options.deferAfterMs }),
  };
}

function createConversations(config: Config, logger: Logger): ConversationStore {
  if (config.redisUrl === undefined) return new MemoryConversationStore({ ttlMs: CONVERSATION_TTL_MS });
  return new RedisConversationStore({ url: config.redisUrl, ttlMs: CONVERSATION_TTL_MS, logger });
}

function createRateLimiter(config: Config, logger: Logger, metrics?: Metrics): UserRateLimiter {
  const { count, windowMs } = config.rateLimit;
  if (config.redisUrl === undefined) return new RateLimiter({ count, windowMs });
  return new RedisRateLimiter({
    url: config.redisUrl,
    count,
    windowMs,
    logger,
    onError: () => metrics?.rateLimiterErrors.inc(),
  });
}

/**
 * The same library, with `answer` timed into articleqa_answer_duration_seconds. A Proxy rather than a
 * subclass or wrapper type: every handler keeps using the library's own API, and the library knows nothing
 * of metrics.
 */
function timedLibrary(library: Library, metrics: Metrics): Library {
  const answer: Library["answer"] = (...args) => {
    const end = metrics.answerDuration.startTimer();
    try {
      return library.answer(...args);
    } finally {
      end();
    }
  };
  return new Proxy(library, {
    get(target, property) {
      if (property === "answer") return answer;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** With REDIS_URL: give Redis a moment to connect before serving, so the first requests are limited too. */
export async function waitForRateLimiter(limiter: UserRateLimiter, logger: Logger): Promise<void> {
  if (limiter.whenReady === undefined) return;
  if (!(await limiter.whenReady(3_000)))
    logger.warn("rate-limiter-not-ready", { note: "answering without the shared limit until Redis connects" });
}
