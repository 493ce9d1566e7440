import type { AnswerEngine } from "../../answer/engine.js";
import { isSourceKind, sourceExists, type AnswerSource } from "../engine-helpers.js";
import { LIMITS } from "./limits.js";

/**
 * Component custom_ids. Components are STATELESS: everything a handler needs is in the custom_id (at most
 * 100 characters), so buttons keep working after a restart, on another shard, or on another HTTP instance.
 *
 *   ctx:<kind>:<id>   "Show context" button  (kind = qa | fact | sentence, id = knowledge-base id)
 *   rel:<kind>:<id>   "Related" button
 *   relq              select menu of questions; each option's value is a Q&A entry id
 */
export const CUSTOM_ID = {
  showContext: "ctx",
  related: "rel",
  relatedSelect: "relq",
} as const;

/** Joins a prefix and arguments; undefined when the result would exceed Discord's 100-character limit. */
export function encodeCustomId(prefix: string, ...args: string[]): string | undefined {
  const id = [prefix, ...args].join(":");
  return id.length <= LIMITS.customId ? id : undefined;
}

export function parseCustomId(customId: string): { prefix: string; args: string[] } {
  const [prefix = "", ...args] = customId.split(":");
  return { prefix, args };
}

export function sourceCustomId(prefix: string, source: AnswerSource): string | undefined {
  return encodeCustomId(prefix, source.kind, source.id);
}

/** The answer source a custom_id points at, if it is well-formed and still in the knowledge base. */
export function sourceFromArgs(engine: AnswerEngine, args: readonly string[]): AnswerSource | undefined {
  const [kind, ...rest] = args;
  const id = rest.join(":");
  if (kind === undefined || !isSourceKind(kind) || id === "") return undefined;
  const source = { kind, id };
  return sourceExists(engine, source) ? source : undefined;
}
