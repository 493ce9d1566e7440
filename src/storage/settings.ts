/**
 * Settings kept in the store: the default article of a server or a channel.
 */
import { done, refused, type StoreCore } from "./core.js";
import { storableText } from "./normalize.js";
import type { GuildDefaults, Place, WriteResult } from "./types.js";

/** The server-wide row's channel_id. */
const SERVER = "";

const where = (place: Place): string =>
  place.channelId === undefined ? `server ${place.guildId}` : `channel ${place.channelId}`;

/** Per-server settings: the default article of a server, and of one channel (which overrides the server's). */
export class Settings {
  constructor(private readonly core: StoreCore) {}

  /**
   * The default article for a place: the channel's when set, else the server's, else undefined (also when
   * the database failed).
   */
  async defaultArticle(place: Place): Promise<string | undefined> {
    return this.core.read("the default article", undefined, async () => {
      const rows = await this.core.db
        .selectFrom("article_default")
        .select(["channel_id", "pack_id"])
        .where("guild_id", "=", place.guildId)
        .where("channel_id", "in", place.channelId === undefined ? [SERVER] : [SERVER, place.channelId])
        .execute();
      const channel = rows.find((r) => r.channel_id !== SERVER);
      return (channel ?? rows[0])?.pack_id;
    });
  }

  /** Every default of a server: its own and its channels'. */
  async defaults(guildId: string): Promise<GuildDefaults> {
    return this.core.read("a server's default articles", { server: undefined, channels: {} }, async () => {
      const rows = await this.core.db
        .selectFrom("article_default")
        .select(["channel_id", "pack_id"])
        .where("guild_id", "=", guildId)
        .orderBy("channel_id")
        .execute();
      return {
        server: rows.find((r) => r.channel_id === SERVER)?.pack_id,
        channels: Object.fromEntries(rows.filter((r) => r.channel_id !== SERVER).map((r) => [r.channel_id, r.pack_id])),
      };
    });
  }

  /** Sets the default article of a server (no channelId) or of one channel. */
  async setDefaultArticle(place: Place & { readonly article: string }): Promise<WriteResult> {
    if (place.guildId.trim() === "" || place.channelId?.trim() === "" || place.article.trim() === "")
      return refused("invalid", "a default needs a server id, an article, and (for a channel) a channel id");
    const guildId = storableText(place.guildId, 64);
    const channelId = place.channelId === undefined ? SERVER : storableText(place.channelId, 64);
    const packId = storableText(place.article, 200);
    return this.core.write(`the default article (${packId}) of ${where(place)}`, (publish) =>
      this.core.db.transaction().execute(async (trx) => {
        const setAt = this.core.now();
        await trx
          .insertInto("article_default")
          .values({ guild_id: guildId, channel_id: channelId, pack_id: packId, set_at: setAt })
          .onConflict((oc) => oc.columns(["guild_id", "channel_id"]).doUpdateSet({ pack_id: packId, set_at: setAt }))
          .execute();
        await publish(trx, { kind: "setting", guildId, channelId: channelId === SERVER ? null : channelId });
        return done(undefined);
      }),
    );
  }

  /** Clears the default of a server (its channels' defaults stay) or of one channel. */
  async clearDefaultArticle(place: Place): Promise<WriteResult<{ readonly cleared: boolean }>> {
    const channelId = place.channelId ?? SERVER;
    return this.core.write(`clearing the default article of ${where(place)}`, (publish) =>
      this.core.db.transaction().execute(async (trx) => {
        const result = await trx
          .deleteFrom("article_default")
          .where("guild_id", "=", place.guildId)
          .where("channel_id", "=", channelId)
          .executeTakeFirst();
        const cleared = Number(result.numDeletedRows) > 0;
        if (cleared)
          await publish(trx, {
            kind: "setting",
            guildId: place.guildId,
            channelId: channelId === SERVER ? null : channelId,
          });
        return done({ cleared });
      }),
    );
  }
}
