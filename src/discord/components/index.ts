import type { ComponentHandler } from "../types.js";
import { parseCustomId } from "../render/custom-id.js";
import { related } from "./related.js";
import { relatedSelect } from "./related-select.js";
import { showContext } from "./show-context.js";

export { CUSTOM_ID, encodeCustomId, parseCustomId } from "../render/custom-id.js";

export const components: readonly ComponentHandler[] = [showContext, related, relatedSelect];

/** The handler for a custom_id (by its prefix, the part before the first ":") and the remaining arguments. */
export function findComponent(customId: string): { handler: ComponentHandler; args: string[] } | undefined {
  const { prefix, args } = parseCustomId(customId);
  const handler = components.find((c) => c.prefix === prefix);
  return handler === undefined ? undefined : { handler, args };
}
