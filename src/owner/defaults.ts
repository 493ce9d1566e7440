/**
 * Default articles: the one a channel or a server answers from when a question names none, cached and kept current
 * across instances.
 */
import type { GuildDefaults, Place, Store } from "../storage/index.js";

/** How long a server's defaults are trusted without a change notification (they heal after a missed one). */
const TTL_MS = 60_000;
/** The longest a question waits for a server's defaults the first time (then they are cached). */
const FIRST_READ_MS = 250;

/**
 * The default article of a server and of its channels, read on the answer path: cached per server, dropped on
 * a settings change (by any instance: the store's notifications), and never waited for longer than
 * FIRST_READ_MS, so a slow or failed store never delays an answer (it is answered across every article).
 */
export class DefaultArticles {
  private readonly cache = new Map<string, { readonly defaults: GuildDefaults; readonly at: number }>();
  private readonly reading = new Map<string, Promise<GuildDefaults>>();
  /** Counts changes; a read started before a change is not cached (it may have missed it). */
  private generation = 0;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: Store | undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.unsubscribe =
      store?.onChange((change) => {
        if (change.kind !== "setting" && change.kind !== "resync") return;
        this.generation += 1;
        if (change.kind === "setting") {
          this.cache.delete(change.guildId);
          this.reading.delete(change.guildId);
        } else {
          this.cache.clear();
          this.reading.clear();
        }
      }) ?? (() => undefined);
  }

  /** The pack id to answer from in this place: the channel's default, else the server's, else undefined. */
  async forPlace(place: Partial<Place>): Promise<string | undefined> {
    if (this.store === undefined || place.guildId === undefined) return undefined;
    const defaults = await this.defaults(place.guildId);
    return (place.channelId === undefined ? undefined : defaults?.channels[place.channelId]) ?? defaults?.server;
  }

  /** A server's defaults, fresh from the store (for showing them, and after changing them). */
  async fresh(guildId: string): Promise<GuildDefaults> {
    this.generation += 1;
    this.cache.delete(guildId);
    this.reading.delete(guildId);
    return (await this.defaults(guildId, Number.POSITIVE_INFINITY)) ?? { server: undefined, channels: {} };
  }

  close(): void {
    this.unsubscribe();
  }

  private async defaults(guildId: string, waitMs = FIRST_READ_MS): Promise<GuildDefaults | undefined> {
    const cached = this.cache.get(guildId);
    if (cached !== undefined && this.now() - cached.at < TTL_MS) return cached.defaults;
    let reading = this.reading.get(guildId);
    if (reading === undefined && this.store !== undefined) {
      const started = this.now();
      const generation = this.generation;
      const read = this.store.settings.defaults(guildId).then((defaults) => {
        if (generation === this.generation) this.cache.set(guildId, { defaults, at: started });
        if (this.reading.get(guildId) === read) this.reading.delete(guildId);
        return defaults;
      });
      reading = read;
      this.reading.set(guildId, read);
    }
    if (reading === undefined) return cached?.defaults;
    if (!Number.isFinite(waitMs)) return reading;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), waitMs);
    });
    try {
      return (await Promise.race([reading, late])) ?? cached?.defaults;
    } finally {
      clearTimeout(timer);
    }
  }
}
