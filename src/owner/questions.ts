/**
 * The question log as the surfaces use it: a question recorded in the background under a ref its 👍/👎 buttons
 * carry, and the votes on it.
 */
import { randomBytes } from "node:crypto";
import type { LibraryAnswer } from "../answer/library.js";
import type { QuestionInput, Store, Surface, Vote, VoteCounts, WriteFailure } from "../storage/index.js";

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

/** A batch of questions is written this long after its first question, or at once when it is full. */
const BATCH_MS = 20;
const MAX_BATCH = 100;

/** Questions waiting to be written together, and the write they will share. */
interface Batch {
  readonly inputs: QuestionInput[];
  readonly written: Promise<void>;
  readonly timer: ReturnType<typeof setTimeout>;
  readonly start: () => void;
}

/**
 * The question log as the Discord surfaces use it: `record` returns at once with the question's ref (random:
 * it links to nothing outside the store) and the write goes on in the background, so a reply never waits for
 * the store, and a store that fails changes nothing in it (the store logs `store-write-failed`, naming what
 * was not stored). Questions are written in batches — the ones recorded within BATCH_MS of each other, at most
 * MAX_BATCH, in one statement — so a busy bot does not pay a database round trip per question. The reply's
 * 👍/👎 buttons carry the ref; `vote` finds the question by it (waiting for its batch when it is still being
 * written here), after a restart as well. `settled` writes what is waiting at once (shutdown, tests).
 */
export class QuestionRecorder {
  /** Writes still in flight, by ref: a vote on a question being written waits for it. */
  private readonly writing = new Map<string, Promise<unknown>>();
  private batch: Batch | undefined;

  constructor(private readonly store: Store | undefined) {}

  /** Whether questions are logged (a store, and QUESTION_LOG not off): votes have something to attach to. */
  get enabled(): boolean {
    return this.store?.questions.policy.enabled === true;
  }

  /** Logs a question in the background; its ref, or undefined when nothing is logged (a blank question, the log off). */
  record(asked: AskedQuestion): string | undefined {
    if (this.store === undefined || !this.enabled || asked.question.trim() === "") return undefined;
    const ref = randomBytes(12).toString("base64url");
    const write = this.enqueue({
      question: asked.question,
      surface: asked.surface,
      article: asked.result.pack.id,
      answer: asked.result.answer,
      userId: asked.userId,
      guildId: asked.guildId,
      channelId: asked.channelId,
      ref,
    }).then(() => this.writing.delete(ref));
    this.writing.set(ref, write);
    return ref;
  }

  /** Adds a question to the batch being gathered (starting one when there is none); resolves once it is written. */
  private enqueue(input: QuestionInput): Promise<void> {
    let batch = this.batch;
    if (batch === undefined) {
      const inputs: QuestionInput[] = [];
      let start: () => void = () => undefined;
      const written = new Promise<void>((resolve) => {
        start = () => resolve(this.write(inputs));
      });
      batch = this.batch = { inputs, written, timer: setTimeout(() => this.flush(), BATCH_MS), start };
    }
    batch.inputs.push(input);
    const { written } = batch;
    if (batch.inputs.length >= MAX_BATCH) this.flush();
    return written;
  }

  /** Writes the batch being gathered now. */
  private flush(): void {
    const batch = this.batch;
    if (batch === undefined) return;
    this.batch = undefined;
    clearTimeout(batch.timer);
    batch.start();
  }

  private async write(inputs: readonly QuestionInput[]): Promise<void> {
    // The store never throws: a failure is logged there (store-write-failed) and the questions are not stored.
    await this.store?.questions.logMany(inputs);
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

  /** Writes what is waiting now, and resolves once every write started so far has finished (shutdown, tests). */
  async settled(): Promise<void> {
    this.flush();
    await Promise.all([...this.writing.values()]);
  }
}
