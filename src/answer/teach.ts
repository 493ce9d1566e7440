import { slugify } from "../knowledge/article-text.js";
import { addEntry, addOutOfScope, addPhrasing } from "../knowledge/qa-file.js";
import type { KnowledgeBase } from "../knowledge/types.js";
import { phrasingKey } from "../knowledge/validate-qa.js";
import { spanAnswer } from "./compose-span.js";
import { prepare } from "./prepare.js";
import type { PackIndex } from "../search/pack-index.js";

/**
 * What a moderator's review teaches a pack: a question the bot could not answer, mapped to the sentence that
 * answers it, becomes a curated phrasing of the entry that already cites that sentence first, or else a new Q&A
 * entry citing it, whose short answer is drawn from the sentence the way the engine draws one (a typed span: the
 * date for a "when" question, the amount for "how much"). A question marked "not in the article" joins the pack's
 * out-of-scope list. The result is qa.yaml's new text, for the caller to validate and write.
 */
export type Lesson =
  | { readonly kind: "phrasing"; readonly entryId: string; readonly qa: string }
  | { readonly kind: "entry"; readonly entryId: string; readonly qa: string }
  | { readonly kind: "known"; readonly entryId: string; readonly qa: string };

/** The longest question an entry can have (Discord's autocomplete limit). */
const MAX_QUESTION = 100;

export function teachAnswer(
  kb: KnowledgeBase,
  index: PackIndex,
  qaText: string,
  question: string,
  sentenceId: string,
): Lesson {
  const sentence = kb.sentenceById.get(sentenceId);
  if (sentence === undefined) throw new Error(`the pack has no sentence ${sentenceId}`);
  const asked = question.trim().replace(/\s+/g, " ");
  const key = phrasingKey(asked);
  const owner = kb.qa.find((e) => [e.question, ...e.phrasings].some((p) => phrasingKey(p) === key));
  if (owner !== undefined) return { kind: "known", entryId: owner.id, qa: qaText };
  const citing = kb.qa.find((e) => e.sentences[0] === sentenceId);
  if (citing !== undefined)
    return { kind: "phrasing", entryId: citing.id, qa: addPhrasing(qaText, citing.id, asked.slice(0, 200)) };
  const prepared = prepare(asked);
  const answer = spanAnswer({
    kind: prepared.kind,
    question: prepared.text,
    sentence,
    spans: index.sentences.spans[sentence.index] ?? [],
  });
  const taken = new Set([...kb.qa.map((e) => e.id), ...kb.facts.map((f) => f.id)]);
  const base = slugify(asked).slice(0, 40).replace(/-+$/, "") || "question";
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  const entry = {
    id,
    question: asked.length <= MAX_QUESTION ? asked : `${asked.slice(0, MAX_QUESTION - 1)}…`,
    answer: answer.slice(0, 600),
    sentences: [sentenceId],
    phrasings: asked.length <= MAX_QUESTION ? [] : [asked.slice(0, 200)],
  };
  return { kind: "entry", entryId: id, qa: addEntry(qaText, entry) };
}

/** A question marked as not answered by the article. */
export function teachOutOfScope(qaText: string, question: string): string {
  return addOutOfScope(qaText, question.trim().replace(/\s+/g, " ").slice(0, 300));
}
