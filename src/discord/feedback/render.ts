import { ButtonStyle, ComponentType, type APIButtonComponent } from "discord-api-types/v10";
import type { Answer } from "../../answer/types.js";
import { CUSTOM_ID, encodeCustomId } from "../core/custom-id.js";

/** The replies people vote on: an answer (or a correction), and an unsure reply's closest passages. */
export function takesVotes(answer: Pick<Answer, "outcome">): boolean {
  return answer.outcome !== "not_covered";
}

/**
 * 👍 and 👎 under a reply (custom_ids `vote:<ref>:up` and `vote:<ref>:down`): the ref names the logged question,
 * so a vote works from any instance and after a restart. None when the custom_id would not fit.
 */
export function voteButtons(ref: string): APIButtonComponent[] {
  return (["up", "down"] as const).flatMap((vote) => {
    const customId = encodeCustomId(CUSTOM_ID.vote, ref, vote);
    return customId === undefined
      ? []
      : [
          {
            type: ComponentType.Button as const,
            style: ButtonStyle.Secondary as const,
            custom_id: customId,
            emoji: { name: vote === "up" ? "👍" : "👎" },
          },
        ];
  });
}
