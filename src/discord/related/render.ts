import { ComponentType, type APIButtonComponent, type APIMessageTopLevelComponent } from "discord-api-types/v10";
import type { AnswerEngine } from "../../answer/engine.js";
import type { QaEntry } from "../../knowledge/types.js";
import { CUSTOM_ID, encodeCustomId, sourceButton } from "../core/custom-id.js";
import { relatedEntries, type AnswerSource } from "../../answer/views/surfaces.js";
import { LIMITS, truncate } from "../core/limits.js";

/**
 * The "Related" button under an answer (custom_id `rel:<pack>:<kind>:<id>`), when the answer has related
 * questions (and its custom_id fits).
 */
export function relatedButton(
  packId: string,
  engine: AnswerEngine,
  source: AnswerSource,
): APIButtonComponent | undefined {
  if (relatedEntries(engine, source, 1).length === 0) return undefined;
  return sourceButton(CUSTOM_ID.related, packId, source, "Related", "🔎");
}

/**
 * A select menu of a pack's Q&A entries (custom_id `relq:<pack>`, option values = entry ids), answered by
 * menu.ts; undefined when there are none. Under the "Related" button's reply, and under an abstention.
 */
export function questionPicker(
  packId: string,
  entries: readonly QaEntry[],
  placeholder: string,
): APIMessageTopLevelComponent | undefined {
  const options = entries.slice(0, LIMITS.selectOptions).map((e) => ({
    label: truncate(e.question, LIMITS.selectOptionLabel),
    value: e.id,
  }));
  if (options.length === 0) return undefined;
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.StringSelect,
        custom_id: encodeCustomId(CUSTOM_ID.relatedSelect, packId) ?? CUSTOM_ID.relatedSelect,
        placeholder,
        min_values: 1,
        max_values: 1,
        options,
      },
    ],
  };
}
