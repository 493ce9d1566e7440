/**
 * The packs served now: from the knowledge directory and the store, swapped in without a restart when a pack is
 * added, taught or removed.
 */
import { join } from "node:path";
import { AnswerEngine } from "../answer/engine.js";
import { Library } from "../answer/library.js";
import { loadPackWith, type LoadedPack } from "../answer/pack-snapshot.js";
import { KnowledgeError } from "../knowledge/errors.js";
import { listPackIds, loadKnowledge, loadPacks } from "../knowledge/load.js";
import { fingerprintFiles, knowledgeFromFiles, readPackFiles } from "../knowledge/pack-files.js";
import type { KnowledgeBase } from "../knowledge/types.js";
import { describeError, type Logger } from "../logger.js";
import type { Store, StoreChange } from "../storage/index.js";
import { Serial } from "./serial.js";

/** Where a served pack comes from: a directory under the knowledge directory, or the store (added from Discord). */
export type PackOrigin = "knowledge" | "store";

interface Served {
  readonly engine: AnswerEngine;
  readonly origin: PackOrigin;
  /** What tells a changed pack from this one: the stored version, or the fingerprint of the files on disk. */
  readonly stamp: string;
}

export interface LiveLibraryOptions {
  /** The knowledge directory (KNOWLEDGE_DIR, default knowledge/). */
  readonly root: string;
  /** ARTICLES: which of its packs to serve (undefined: every one). Packs added from Discord are always served. */
  readonly articles: readonly string[] | undefined;
  readonly store: Store | undefined;
  readonly logger: Logger;
  /** The knowledge directory's packs, already loaded (the entry points validate them first); else loaded here. */
  readonly loaded?: readonly (KnowledgeBase | AnswerEngine)[];
  /** While the store cannot list its packs (down at start), try again this often (default 15 s). */
  readonly retryMs?: number;
}

const stampOfVersion = (version: number): string => `v${version}`;

/**
 * The packs this instance serves, kept current: the knowledge directory's and the ones added from Discord
 * (kept in the store), as one immutable `Library` that is rebuilt and swapped in whenever a pack changes. A
 * change made here or by another instance on the same database (a pack added, taught by a review, removed)
 * arrives as a store notification; the changed pack alone is read again (its stored version, or its files'
 * fingerprint, tells whether it changed) and gets a new engine, the others keep theirs. Requests in flight
 * keep the library they started with.
 *
 * Nothing here throws into a caller: a pack that fails validation after a change keeps its old engine (logged
 * as `pack-reload-failed`), and while the store cannot be read the stored packs already served stay served.
 */
export class LiveLibrary {
  private library: Library;
  private readonly serial = new Serial();
  private readonly unsubscribe: () => void;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly shadowed = new Set<string>();
  private closed = false;
  /** The store could not list its packs; a retry is scheduled until it can. */
  private waiting = false;

  private constructor(
    private readonly options: LiveLibraryOptions,
    private served: Map<string, Served>,
  ) {
    this.library = this.build();
    this.unsubscribe = options.store?.onChange((change) => this.onChange(change)) ?? (() => undefined);
  }

  /**
   * The knowledge directory's packs (a KnowledgeError, naming pack, file and entry, when one is invalid: the
   * bot never starts half-loaded) and the store's (an invalid stored pack is logged and left out).
   */
  static async open(options: LiveLibraryOptions): Promise<LiveLibrary> {
    const sources = options.loaded ?? loadPacks(options.root, options.articles);
    const served = new Map<string, Served>();
    for (const source of sources) {
      const engine = source instanceof AnswerEngine ? source : new AnswerEngine(source);
      const { files } = readPackFiles(join(options.root, engine.kb.id), engine.kb.id);
      served.set(engine.kb.id, { engine, origin: "knowledge", stamp: fingerprintFiles(files) });
    }
    const live = new LiveLibrary(options, served);
    await live.serial.run("library", () => live.reconcile());
    return live;
  }

  /** The library to answer from now. Take it once per request. */
  get current(): Library {
    return this.library;
  }

  /** Where a served pack comes from, or undefined when no such pack is served. */
  origin(id: string): PackOrigin | undefined {
    return this.served.get(id)?.origin;
  }

  /** Every pack id under the knowledge directory, served or not (ARTICLES may leave some out): ids a new pack may not take. */
  knowledgeIds(): string[] {
    return listPackIds(this.options.root);
  }

  /** The knowledge directory's folder for a pack. */
  directoryOf(id: string): string {
    return join(this.options.root, id);
  }

  /** Reads one pack again (from the knowledge directory or the store) and serves what it finds. */
  refresh(id: string): Promise<void> {
    return this.serial.run("library", () => this.refreshNow(id));
  }

  /** Reads every pack again: after a lost notification connection (changes may have been missed). */
  refreshAll(): Promise<void> {
    return this.serial.run("library", async () => {
      for (const [id, served] of [...this.served]) if (served.origin === "knowledge") this.refreshFromDisk(id);
      await this.reconcile();
    });
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
  }

  private onChange(change: StoreChange): void {
    const done = (what: Promise<void>): void =>
      void what.catch((error: unknown) =>
        this.options.logger.error("pack-reload-failed", { change: change.kind, error: describeError(error) }),
      );
    if (change.kind === "pack") done(this.refresh(change.id));
    else if (change.kind === "review") done(this.refresh(change.article));
    else if (change.kind === "resync") done(this.refreshAll());
  }

  private build(): Library {
    const knowledge = [...this.served.values()].filter((s) => s.origin === "knowledge");
    const stored = [...this.served.entries()]
      .filter(([, s]) => s.origin === "store")
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, s]) => s);
    return new Library([...knowledge, ...stored].map((s) => s.engine));
  }

  private swap(): void {
    this.library = this.build();
  }

  private async refreshNow(id: string): Promise<void> {
    if (this.closed) return;
    const served = this.served.get(id);
    if (served?.origin === "knowledge") this.refreshFromDisk(id);
    else await this.refreshFromStore(id);
  }

  private refreshFromDisk(id: string): void {
    const { files } = readPackFiles(this.directoryOf(id), id);
    const stamp = fingerprintFiles(files);
    if (this.served.get(id)?.stamp === stamp) return;
    let loaded: LoadedPack;
    try {
      // From its snapshot when another instance already built it, else validated, indexed and snapshotted.
      loaded = loadPackWith(this.directoryOf(id), loadKnowledge);
    } catch (error) {
      if (!(error instanceof KnowledgeError)) throw error;
      this.options.logger.error("pack-reload-failed", { pack: id, origin: "knowledge", error: error.message });
      return;
    }
    this.served.set(id, { engine: new AnswerEngine(loaded.kb, loaded.index), origin: "knowledge", stamp });
    this.swap();
    this.options.logger.info("pack-reloaded", { pack: id, origin: "knowledge" });
  }

  private async refreshFromStore(id: string): Promise<void> {
    const store = this.options.store;
    if (store === undefined || this.knowledgeIds().includes(id)) return;
    const pack = await store.packs.get(id);
    if (pack === undefined) {
      // Removed, or the store failed: only a listing that succeeds tells which.
      const listed = await store.packs.listIfAvailable();
      if (listed !== undefined && !listed.some((p) => p.id === id) && this.served.delete(id)) {
        this.swap();
        this.options.logger.info("pack-unloaded", { pack: id });
      }
      return;
    }
    if (this.served.get(id)?.stamp === stampOfVersion(pack.version)) return;
    let kb: KnowledgeBase;
    try {
      kb = knowledgeFromFiles(id, pack.files);
    } catch (error) {
      if (!(error instanceof KnowledgeError)) throw error;
      this.options.logger.error("pack-reload-failed", { pack: id, origin: "store", error: error.message });
      return;
    }
    this.served.set(id, { engine: new AnswerEngine(kb), origin: "store", stamp: stampOfVersion(pack.version) });
    this.swap();
    this.options.logger.info("pack-reloaded", { pack: id, origin: "store", version: pack.version });
  }

  /** The stored packs against the store's list: new and changed ones loaded, removed ones dropped. */
  private async reconcile(): Promise<void> {
    const store = this.options.store;
    if (store === undefined || this.closed) return;
    const listed = await store.packs.listIfAvailable();
    if (listed === undefined) {
      this.retryLater();
      return;
    }
    this.waiting = false;
    const onDisk = new Set(this.knowledgeIds());
    for (const p of listed) {
      if (onDisk.has(p.id) && !this.shadowed.has(p.id)) {
        this.shadowed.add(p.id);
        this.options.logger.warn("stored-pack-shadowed", {
          pack: p.id,
          note: "a pack with this id is under the knowledge directory; that one is served",
        });
      }
    }
    const wanted = new Set(listed.map((p) => p.id).filter((id) => !onDisk.has(id)));
    let removed = false;
    for (const [id, served] of [...this.served]) {
      if (served.origin === "store" && !wanted.has(id)) removed = this.served.delete(id) || removed;
    }
    if (removed) this.swap();
    for (const p of listed) {
      if (wanted.has(p.id) && this.served.get(p.id)?.stamp !== stampOfVersion(p.version))
        await this.refreshFromStore(p.id);
    }
  }

  private retryLater(): void {
    if (this.retryTimer !== undefined || this.closed) return;
    if (!this.waiting) {
      this.waiting = true;
      this.options.logger.warn("stored-packs-unavailable", {
        note: "the packs added from Discord load when the store answers; the others are served meanwhile",
      });
    }
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.serial.run("library", () => this.reconcile());
    }, this.options.retryMs ?? 15_000);
    this.retryTimer.unref();
  }
}
