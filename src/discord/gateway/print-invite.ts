/**
 * `npm run invite`: prints the URL that adds the bot to a server (from DISCORD_CLIENT_ID, the application's
 * id), with the scopes and permissions it asks for. Needs nothing else: no token, no connection to Discord.
 */
import { config as loadDotenv } from "dotenv";
import { EXIT } from "../../cli/exit-codes.js";
import { runCli } from "../../cli/guard.js";
import { clientIdFromEnv } from "../../config.js";
import { BOT_PERMISSIONS, INVITE_PERMISSIONS, INVITE_SCOPES, inviteUrl } from "./invite.js";

const WHERE =
  "It is the Application ID under General Information of your application at https://discord.com/developers/applications.";

/** What a mistaken DISCORD_CLIENT_ID probably is, from its shape (never quoting it). */
function looksLike(value: string): string {
  const v = value.trim();
  if (/^[0-9a-f]{64}$/i.test(v)) return " It looks like the Public Key, which goes in DISCORD_PUBLIC_KEY.";
  if (/^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/.test(v))
    return " It looks like a bot token, which goes in DISCORD_TOKEN (and must stay secret: reset it if it was shared).";
  if (/^https?:\/\//i.test(v)) return " It looks like a URL: put only the id itself.";
  return "";
}

await runCli(() => {
  loadDotenv({ quiet: true });
  const { clientId, problem } = clientIdFromEnv();
  if (problem !== undefined) {
    process.stderr.write(
      `DISCORD_CLIENT_ID ${problem}.${looksLike(process.env.DISCORD_CLIENT_ID ?? "")}\n${WHERE} Fix it in .env.\n`,
    );
    return EXIT.usage;
  }
  if (clientId === undefined) {
    process.stderr.write(
      `DISCORD_CLIENT_ID is not set, so there is no invite URL to print.\n${WHERE} Put it in .env (see .env.example).\n`,
    );
    return EXIT.usage;
  }
  const permissions = INVITE_PERMISSIONS.map(([name]) => name).join(", ");
  process.stdout.write(
    `${inviteUrl(clientId)}\n\n` +
      `Open it, pick a server you manage and authorise. It asks for:\n` +
      `  scopes       ${INVITE_SCOPES.join(", ")}\n` +
      `  permissions  ${permissions} (${BOT_PERMISSIONS.toString()})\n`,
  );
  return EXIT.ok;
});
