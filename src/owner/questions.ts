/**
 * The question log as the surfaces use it: a question recorded in the background under a ref its 👍/👎 buttons
 * carry, and the votes on it.
 */
import { randomBytes } from "node:crypto";
import type { LibraryAnswer } from "../answer/library.js";
import type { Store, Surface, Vote, VoteCounts, WriteFailure } from "../storage/index.js";

/** A question asked on a surface with a user (Discord: commands, buttons, menus, mentions, DMs, HTTP). */
export interface AskedQuestion {
  readonly question: string;
  readonly surface: Surface;
  /** The library's answer to it: the pack it came from and the engine's answer. */
  readonly result: LibraryAnswer;
  /** The raw Discord user id (the store keeps only its keyed hash). */
  readonly userId: string | undefined;
  readonly guildId: string | undefined;
  readonly channelId: string | undefined;
}

export type VoteResult =
  | { readonly ok: true; readonly counts: VoteCounts }
  | { readonly ok: false; readonly reason: WriteFailure; readonly message: string };

/**
 * The question log as the Discord surfaces use it: `record` returns at once with the question's ref (random:
 * it links to nothing outside the store) and the write goes on in the background, so a reply never waits for
 * the store, and a store that fails changes nothing in it (the store logs `store-write-failed`, naming what
 * was not stored). The reply's 👍/👎 buttons carry the ref; `vote` finds the question by it, after a restart as
 * well.
 */
export class QuestionRecorder {
  /** Writes still in flight, by ref: a vote on a question being written waits for it. */
  private readonly writing = new Map<string, Promise<unknown>>();

  constructor(private readonly store: Store | undefined) {}

  /** Whether questions are logged (a store, and QUESTION_LOG not off): votes have something to attach to. */
  get enabled(): boolean {
    return this.store?.questions.policy.enabled === true;
  }

  /** Logs a question in the background; its ref, or undefined when nothing is logged (a blank question, the log off). */
  record(asked: AskedQuestion): string | undefined {
    if (this.store === undefined || !this.enabled || asked.question.trim() === "") return undefined;
    const ref = randomBytes(12).toString("base64url");
    const write = this.store.questions
      .log({
        question: asked.question,
        surface: asked.surface,
        article: asked.result.pack.id,
        answer: asked.result.answer,
        userId: asked.userId,
        guildId: asked.guildId,
        channelId: asked.channelId,
        ref,
      })
      .finally(() => this.writing.delete(ref));
    this.writing.set(ref, write);
    return ref;
  }

  /** Records a user's 👍 or 👎 on the question with this ref (replacing their earlier vote on it). */
  async vote(input: { readonly ref: string; readonly userId: string; readonly vote: Vote }): Promise<VoteResult> {
    if (this.store === undefined) return { ok: false, reason: "disabled", message: "this bot keeps no question log" };
    await this.writing.get(input.ref);
    const voted = await this.store.feedback.vote({ questionRef: input.ref, userId: input.userId, vote: input.vote });
    if (voted.ok) return { ok: true, counts: voted.value };
    if (voted.reason === "not_found" && !this.enabled)
      return { ok: false, reason: "disabled", message: "the question log is off" };
    return voted;
  }

  /** Resolves once every write started so far has finished (at shutdown, and in tests). */
  async settled(): Promise<void> {
    await Promise.all([...this.writing.values()]);
  }
}
