import { ButtonStyle, ComponentType, type APIButtonComponent, type APIActionRowComponent } from "discord-api-types/v10";
import type { Pack } from "../../answer/library.js";
import { CUSTOM_ID, encodeCustomId } from "../core/custom-id.js";
import { LIMITS, truncate } from "../core/limits.js";

/**
 * The "which article?" buttons under an answer that several articles give about equally well: one per article
 * (custom_id `art:<pack>`, at most 5), each answering the message's question from that article (button.ts).
 */
export function articleButtons(packs: readonly Pack[]): APIActionRowComponent<APIButtonComponent> | undefined {
  const buttons: APIButtonComponent[] = packs.slice(0, 5).flatMap((pack) => {
    const customId = encodeCustomId(CUSTOM_ID.article, pack.id);
    return customId === undefined
      ? []
      : [
          {
            type: ComponentType.Button as const,
            style: ButtonStyle.Primary as const,
            label: truncate(pack.title, LIMITS.buttonLabel),
            custom_id: customId,
          },
        ];
  });
  return buttons.length === 0 ? undefined : { type: ComponentType.ActionRow, components: buttons };
}
