/**
 * The follow-up of a deferred interaction: its original response edited over Discord's REST API.
 */
import type { FollowUp } from "./types.js";

/** The longest a follow-up may take to send (Discord keeps an interaction's token for 15 minutes). */
const SEND_TIMEOUT_MS = 10_000;

/**
 * Follow-ups through Discord's webhook route for an interaction (`PATCH /webhooks/:application/:token/messages/
 * @original`), which needs no bot token: the interaction's own token authorises it. The same for both
 * transports, from DISCORD_REST_URL (so a REST proxy, or the tests' fake Discord, sees them too).
 */
export function restFollowUp(restUrl: string): FollowUp {
  return async (interaction, data) => {
    const url = `${restUrl}/v10/webhooks/${interaction.application_id}/${interaction.token}/messages/@original`;
    const response = await fetch(url, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(data),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    if (!response.ok) {
      const body = await response.text().catch(() => "");
      throw new Error(`Discord answered ${response.status} to the follow-up: ${body.slice(0, 300)}`);
    }
  };
}
