import { ButtonStyle, ComponentType, type APIButtonComponent } from "discord-api-types/v10";
import type { Library, Pack } from "../../answer/library.js";
import { isSourceKind, sourceExists, type AnswerSource } from "../../answer/views/surfaces.js";
import { LIMITS } from "./limits.js";

/**
 * Component custom_ids. Components are STATELESS: everything a handler needs is in the custom_id (at most
 * 100 characters), so buttons keep working after a restart, on another shard, or on another HTTP instance.
 * Each names the pack (the article) it belongs to:
 *
 *   ctx:<pack>:<kind>:<id>   "Show context" button  (kind = qa | fact | sentence, id = the pack's entry id)
 *   rel:<pack>:<kind>:<id>   "Related" button
 *   relq:<pack>              select menu of questions; each option's value is a Q&A entry id of that pack
 *   art:<pack>               "which article?" button: the question (the message's title) answered from that pack
 *   vote:<ref>:<up|down>     👍/👎 under an answer: a vote on the logged question with that ref (src/owner/questions.ts)
 *   rev:<pack>:<question id> /review's menu of sentences for one pending question (its newest logged id)
 *   artadd                   /article add's modal (the article's title and text)
 *
 * Buttons from before packs had ids (`ctx:<kind>:<id>`, `relq`) still resolve, to the first pack.
 */
export const CUSTOM_ID = {
  showContext: "ctx",
  related: "rel",
  relatedSelect: "relq",
  article: "art",
  vote: "vote",
  review: "rev",
  articleModal: "artadd",
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

function sourceCustomId(prefix: string, packId: string, source: AnswerSource): string | undefined {
  return encodeCustomId(prefix, packId, source.kind, source.id);
}

/**
 * A grey button under an answer that acts on its source (custom_id `<prefix>:<pack>:<kind>:<id>`): "Show
 * context", "Related". Undefined when the custom_id would be too long for Discord.
 */
export function sourceButton(
  prefix: string,
  packId: string,
  source: AnswerSource,
  label: string,
  emoji: string,
): APIButtonComponent | undefined {
  const customId = sourceCustomId(prefix, packId, source);
  if (customId === undefined) return undefined;
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label,
    custom_id: customId,
    emoji: { name: emoji },
  };
}

/** The pack a custom_id's first argument names (the first pack when there is none: a pre-pack custom_id). */
export function packFromArgs(library: Library, args: readonly string[]): Pack | undefined {
  const [packId] = args;
  return packId === undefined || packId === "" ? library.first : library.pack(packId);
}

/** The pack and answer source a custom_id points at, if it is well-formed and still in that pack. */
export function sourceFromArgs(
  library: Library,
  args: readonly string[],
): { pack: Pack; source: AnswerSource } | undefined {
  // Pre-pack form: <kind>:<id>.
  const legacy = args[0] !== undefined && isSourceKind(args[0]) && library.pack(args[0]) === undefined;
  const pack = legacy ? library.first : library.pack(args[0] ?? "");
  const [kind, ...rest] = legacy ? args : args.slice(1);
  const id = rest.join(":");
  if (pack === undefined || kind === undefined || !isSourceKind(kind) || id === "") return undefined;
  const source = { kind, id };
  return sourceExists(pack.engine, source) ? { pack, source } : undefined;
}
