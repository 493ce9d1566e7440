/**
 * Mentions and DMs over the gateway: the question answered in the user's conversation and replied to,
 * rate-limited, never pinging anyone.
 */
import { Events, MessageReferenceType, type Client, type Message } from "discord.js";
import type { Answer } from "../../answer/types.js";
import { describeError } from "../../logger.js";
import { outcomeLabel } from "../../metrics.js";
import { askQuestion, topicOfMessage, type Thread } from "../ask/answer.js";
import { fitMessage } from "../core/limits.js";
import { APOLOGY, rateLimitText } from "../core/respond.js";
import { answeredField, engineOutcomeOf, type InteractionContext } from "../core/types.js";
import { shortHelp } from "../help/render.js";

/** Replies never ping anyone, not even the author of the message replied to. */
const REPLY_MENTIONS = { parse: [], repliedUser: false } as const;

/**
 * Mentions and DMs. Discord delivers the content of messages that mention the bot, and of DMs, without the
 * privileged MessageContent intent, which this bot does not request.
 *  - In a guild: only when the bot USER is mentioned (`message.mentions.users`): not @everyone/@here, not a
 *    role (those never put the bot in `mentions.users`).
 *  - In a DM: every message, no mention needed.
 *  - Never bots (itself included: its own replies come back over the gateway), webhooks or system messages.
 *  - The question is the content without the bot's mention tokens; empty → short help.
 *  - It continues a conversation (ask/answer.ts, Thread): a reply to one of the bot's messages continues what
 *    that message answered; a reply to anyone else's message, or to a message that is gone, continues nothing;
 *    any other message continues the user's conversation in the channel while it lasts (core/conversations.ts).
 *  - Answered from the channel's or the server's default article when there is one, logged, with 👍/👎.
 *  - Rate-limited per user with the same limiter as commands. Over the limit, ONE notice per blocked window;
 *    further messages in that window are ignored silently (a spammer gets no reply stream).
 */
export function registerMessageCreate(client: Client, ctx: InteractionContext): void {
  /** userId → retryAt of the window a rate-limit notice has already been sent for. */
  const noticed = new Map<string, number>();
  client.on(Events.MessageCreate, (message) => {
    onMessage(client, message, ctx, noticed).catch((error: unknown) => {
      ctx.logger.error("message-error", { user: message.author.id, error: describeError(error) });
      ctx.metrics?.interactions.inc({
        command: "message",
        outcome: outcomeLabel({ answered: undefined, rateLimited: false, failed: true }),
      });
      message.reply({ content: APOLOGY, allowedMentions: REPLY_MENTIONS }).catch(() => undefined);
    });
  });
}

function stripBotMention(content: string, botId: string): string {
  return content
    .replace(new RegExp(`<@!?${botId}>`, "g"), " ")
    .replace(/\s+/g, " ")
    .trim();
}

async function onMessage(
  client: Client,
  message: Message,
  ctx: InteractionContext,
  noticed: Map<string, number>,
): Promise<void> {
  const me = client.user;
  if (me === null || message.author.bot || message.author.id === me.id || message.webhookId !== null || message.system)
    return;
  const inDm = !message.inGuild();
  if (!inDm && !message.mentions.users.has(me.id)) return;

  const started = performance.now();
  const user = message.author.id;
  const log = (
    answered: boolean | null,
    extra: { rateLimited?: boolean; notified?: boolean; help?: boolean; thread?: Thread["kind"] } = {},
    engineOutcome?: Answer["outcome"],
  ): void => {
    ctx.logger.info("message", {
      kind: inDm ? "dm" : "mention",
      user,
      latencyMs: Math.round((performance.now() - started) * 10) / 10,
      answered,
      ...extra,
    });
    ctx.metrics?.interactions.inc({
      command: "message",
      outcome: outcomeLabel({
        answered: answered ?? undefined,
        engineOutcome,
        rateLimited: extra.rateLimited === true,
        failed: false,
      }),
    });
  };

  const limit = await ctx.rateLimiter.check(user);
  if (!limit.allowed) {
    const now = Date.now();
    for (const [id, retryAt] of noticed) if (retryAt <= now) noticed.delete(id);
    if (noticed.get(user) === limit.retryAt) {
      log(false, { rateLimited: true, notified: false });
      return;
    }
    noticed.set(user, limit.retryAt);
    await message.reply({ content: rateLimitText(limit.retryAt), allowedMentions: REPLY_MENTIONS });
    log(false, { rateLimited: true, notified: true });
    return;
  }

  const question = stripBotMention(message.content, me.id);
  if (question === "") {
    await message.reply({ content: shortHelp(me.id), allowedMentions: REPLY_MENTIONS });
    log(null, { help: true });
    return;
  }
  // The channel's or the server's default article, else every article (a follow-up: its conversation's); the
  // embed names the one it quotes.
  const thread = await threadOf(message, me.id, ctx);
  const { reply, outcome, topic } = await askQuestion(ctx, {
    question,
    surface: inDm ? "dm" : "mention",
    place: { userId: user, guildId: message.guildId ?? undefined, channelId: message.channelId },
    thread,
  });
  const { embeds = [], components = [] } = fitMessage(reply);
  const sent = await message.reply({ embeds, components, allowedMentions: REPLY_MENTIONS });
  // A reply to this answer, later, continues from it.
  if (topic !== undefined) await ctx.conversations?.setReplied(sent.id, topic);
  log(
    answeredField(outcome),
    { ...(thread.kind === "channel" ? {} : { thread: thread.kind }) },
    engineOutcomeOf(outcome),
  );
}

/**
 * The conversation a message continues: for a reply, the message it replies to (fetched: Discord may not have
 * sent it along) — one of the bot's answers continues what it answered (from the store, else read back from the
 * answer itself); anyone else's message, or one that is gone, continues nothing. Otherwise the user's
 * conversation in the channel.
 */
async function threadOf(message: Message, botId: string, ctx: InteractionContext): Promise<Thread> {
  const reference = message.reference;
  if (reference?.messageId === undefined || reference.type === MessageReferenceType.Forward) return { kind: "channel" };
  let original: Message;
  try {
    original = await message.fetchReference();
  } catch {
    return { kind: "none" };
  }
  if (original.author.id !== botId) return { kind: "none" };
  const topic =
    (await ctx.conversations?.getReplied(original.id)) ??
    topicOfMessage(
      ctx.library,
      original.embeds[0]?.toJSON(),
      original.components.map((c) => c.toJSON()),
    );
  return { kind: "reply", topic };
}
