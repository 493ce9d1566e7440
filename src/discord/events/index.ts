import type { Client } from "discord.js";
import type { InteractionContext } from "../types.js";
import { registerErrorHandlers } from "./errors.js";
import { registerInteractionCreate } from "./interaction-create.js";
import { registerMessageCreate } from "./message-create.js";
import { registerReady } from "./ready.js";

/** Every event handler the gateway bot uses (startBot and the tests register exactly these). */
export function registerEvents(client: Client, ctx: InteractionContext): void {
  registerErrorHandlers(client, ctx);
  registerReady(client, ctx);
  registerInteractionCreate(client, ctx);
  registerMessageCreate(client, ctx);
}
