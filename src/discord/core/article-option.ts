import { ApplicationCommandOptionType } from "discord-api-types/v10";
import type { Library, Pack } from "../../answer/library.js";
import { LIMITS, truncate } from "./limits.js";
import { autocompleteResponse, ephemeralText } from "./respond.js";
import { echoUserText } from "./escape.js";
import type { HandlerResult } from "./types.js";

/**
 * The optional `article` option of /ask, /fact, /quote and /source: a pack id, with autocomplete over the
 * loaded packs' titles (so adding a pack needs no re-deploy of the commands).
 */
export const ARTICLE_OPTION = {
  type: ApplicationCommandOptionType.String,
  name: "article",
  description: "Which article (default: every loaded article)",
  required: false,
  max_length: 100,
  autocomplete: true,
} as const;

/** A pack as an autocomplete choice: its title (marked when a draft), its value the pack id. */
export function packChoice(p: Pack): { name: string; value: string } {
  return { name: truncate(`${p.title}${p.status === "draft" ? " (draft)" : ""}`, LIMITS.choiceName), value: p.id };
}

/** Autocomplete choices for the article option: each pack's title, its value the pack id. */
export function articleChoices(library: Library, partial: string) {
  return autocompleteResponse(library.suggestPacks(partial, 25).map(packChoice));
}

/**
 * The pack an `article` argument names: undefined when none is given, the pack, or (an id no pack has:
 * possible when typed by hand or after a pack is removed) a reply that lists the loaded articles.
 */
export function chosenPack(library: Library, article: string | undefined): { pack?: Pack; refusal?: HandlerResult } {
  if (article === undefined || article.trim() === "") return {};
  const pack = library.pack(article.trim()) ?? library.packs.find((p) => p.title === article.trim());
  if (pack !== undefined) return { pack };
  const known = library.packs.map((p) => `\`${p.id}\``).join(", ");
  return {
    refusal: {
      response: ephemeralText(
        `There is no article "${echoUserText(article, 100)}". The loaded articles are: ${known}. Pick one from the list.`,
      ),
      outcome: "not-answered",
    },
  };
}
