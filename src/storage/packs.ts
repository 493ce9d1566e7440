/**
 * Articles added from Discord as the store keeps them: the pack's files, its title and a version that changes on
 * every change.
 */
import type { Selectable } from "kysely";
import { PACK_ID_PATTERN } from "../knowledge/schema.js";
import { PACK_FILE_NAMES } from "../knowledge/validate.js";
import { done, refused, type Executor, type Publisher, type StoreCore } from "./core.js";
import type { PackTable } from "./schema.js";
import type { PackFilesInput, PackInput, StoredPack, StoredPackSummary, WriteResult } from "./types.js";

/** The file names a pack may have: the ones a pack under knowledge/ has. */
const PACK_FILES: readonly string[] = Object.values(PACK_FILE_NAMES);
/** The ones it must have (a concept lexicon is optional). */
/** The optional files (a concept lexicon, the article's own vocabulary) aside, a pack has every file. */
const REQUIRED_PACK_FILES: readonly string[] = PACK_FILES.filter(
  (name) => name !== PACK_FILE_NAMES.concepts && name !== PACK_FILE_NAMES.lexicon,
);
/** A file larger than this is refused (the reference article's largest file is about 60 kB). */
const MAX_PACK_FILE_CHARS = 5_000_000;
const MAX_TITLE_CHARS = 300;

/** What is wrong with a pack's files, or undefined. */
function filesProblem(files: PackFilesInput): string | undefined {
  const names = Object.keys(files);
  const unknown = names.filter((n) => !PACK_FILES.includes(n));
  if (unknown.length > 0) return `unknown file name(s) ${unknown.join(", ")} (a pack has ${PACK_FILES.join(", ")})`;
  const missing = REQUIRED_PACK_FILES.filter((n) => !names.includes(n));
  if (missing.length > 0) return `missing file(s) ${missing.join(", ")}`;
  for (const [name, content] of Object.entries(files)) {
    if (typeof content !== "string") return `${name} is not text`;
    if (content.includes("\u0000")) return `${name} is binary (it contains NUL characters), not text`;
    if (content.length > MAX_PACK_FILE_CHARS) return `${name} is larger than ${MAX_PACK_FILE_CHARS} characters`;
  }
  return undefined;
}

function titleProblem(title: string): string | undefined {
  if (title.trim() === "") return "the title is empty";
  if (title.length > MAX_TITLE_CHARS) return `the title is longer than ${MAX_TITLE_CHARS} characters`;
  return undefined;
}

function toSummary(row: Selectable<PackTable>): StoredPackSummary {
  return {
    id: row.id,
    title: row.title,
    addedByHash: row.added_by,
    addedAt: row.added_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/**
 * Articles added from Discord: a pack's files (text, by the names a pack under knowledge/ has), its id,
 * title, who added it (hashed) and when. Every write (add, update, remove) counts the pack's version up and
 * tells the other instances (`onChange`). The files are stored as given: the knowledge layer validates a
 * pack when it is loaded.
 */
export class Packs {
  constructor(private readonly core: StoreCore) {}

  private async bump(trx: Executor, id: string): Promise<number> {
    const row = await trx
      .insertInto("pack_version")
      .values({ pack_id: id, version: 1 })
      .onConflict((oc) => oc.column("pack_id").doUpdateSet((eb) => ({ version: eb("pack_version.version", "+", 1) })))
      .returning("version")
      .executeTakeFirstOrThrow();
    return row.version;
  }

  private async writeFiles(trx: Executor, id: string, files: PackFilesInput): Promise<void> {
    await trx.deleteFrom("pack_file").where("pack_id", "=", id).execute();
    const rows = Object.entries(files).map(([name, content]) => ({ pack_id: id, name, content }));
    for (const row of rows) await trx.insertInto("pack_file").values(row).execute();
  }

  /** Stores a new pack; `duplicate` when one with that id is already stored. Resolves to its version. */
  async add(input: PackInput): Promise<WriteResult<{ readonly version: number }>> {
    if (typeof input.id !== "string" || !PACK_ID_PATTERN.test(input.id))
      return refused("invalid", "a pack id is a lowercase slug (a-z, 0-9, single hyphens)");
    const problem = titleProblem(input.title) ?? filesProblem(input.files);
    if (problem !== undefined) return refused("invalid", problem);
    return this.core.write(`pack ${input.id} (add)`, (publish) =>
      this.core.db.transaction().execute(async (trx) => {
        const now = this.core.now();
        const inserted = await trx
          .insertInto("pack")
          .values({
            id: input.id,
            title: input.title.trim(),
            added_by: this.core.hash(input.addedBy),
            added_at: now,
            updated_at: now,
            version: 0,
          })
          .onConflict((oc) => oc.column("id").doNothing())
          .returning("id")
          .executeTakeFirst();
        if (inserted === undefined) return refused("duplicate", `a pack "${input.id}" is already stored`);
        return done({ version: await this.finish(trx, publish, input.id, input.files, now) });
      }),
    );
  }

  /**
   * Replaces a stored pack's files (all of them) and optionally its title; `not_found` when it is not stored.
   * With `expectedVersion` (the version the caller read the files at), `conflict` when another write came
   * first: a read-modify-write never overwrites a change it did not see.
   */
  async update(input: {
    readonly id: string;
    readonly files: PackFilesInput;
    readonly title?: string;
    readonly expectedVersion?: number;
  }): Promise<WriteResult<{ readonly version: number }>> {
    const problem = (input.title === undefined ? undefined : titleProblem(input.title)) ?? filesProblem(input.files);
    if (problem !== undefined) return refused("invalid", problem);
    return this.core.write(`pack ${input.id} (update)`, (publish) =>
      this.core.db.transaction().execute(async (trx) => {
        const now = this.core.now();
        let update = trx
          .updateTable("pack")
          .set(input.title === undefined ? { updated_at: now } : { updated_at: now, title: input.title.trim() })
          .where("id", "=", input.id);
        if (input.expectedVersion !== undefined) update = update.where("version", "=", input.expectedVersion);
        const updated = await update.executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) {
          if (input.expectedVersion === undefined) return refused("not_found", `no pack "${input.id}" is stored`);
          const row = await trx.selectFrom("pack").select("version").where("id", "=", input.id).executeTakeFirst();
          return row === undefined
            ? refused("not_found", `no pack "${input.id}" is stored`)
            : refused("conflict", `pack "${input.id}" changed (version ${row.version}, not ${input.expectedVersion})`);
        }
        return done({ version: await this.finish(trx, publish, input.id, input.files, now) });
      }),
    );
  }

  private async finish(
    trx: Executor,
    publish: Publisher,
    id: string,
    files: PackFilesInput,
    now: number,
  ): Promise<number> {
    await this.writeFiles(trx, id, files);
    const version = await this.bump(trx, id);
    await trx.updateTable("pack").set({ version, updated_at: now }).where("id", "=", id).execute();
    await publish(trx, { kind: "pack", id, version });
    return version;
  }

  /** Removes a stored pack and its files; `not_found` when it is not stored. */
  async remove(id: string): Promise<WriteResult<{ readonly version: number }>> {
    return this.core.write(`pack ${id} (remove)`, (publish) =>
      this.core.db.transaction().execute(async (trx) => {
        await trx.deleteFrom("pack_file").where("pack_id", "=", id).execute();
        const removed = await trx.deleteFrom("pack").where("id", "=", id).executeTakeFirst();
        if (Number(removed.numDeletedRows) === 0) return refused("not_found", `no pack "${id}" is stored`);
        const version = await this.bump(trx, id);
        await publish(trx, { kind: "pack", id, version: null });
        return done({ version });
      }),
    );
  }

  /** The stored packs (without their files), by id. */
  async list(): Promise<StoredPackSummary[]> {
    return (await this.listIfAvailable()) ?? [];
  }

  /**
   * The stored packs, or undefined when the database failed: for a caller that must not take a failure for
   * "no packs" (an instance reconciling what it serves).
   */
  async listIfAvailable(): Promise<StoredPackSummary[] | undefined> {
    return this.core.read("the stored packs", undefined, async () => {
      const rows = await this.core.db.selectFrom("pack").selectAll().orderBy("id").execute();
      return rows.map(toSummary);
    });
  }

  /** One stored pack with its files, or undefined. */
  async get(id: string): Promise<StoredPack | undefined> {
    // One snapshot for the row and its files (SQLite's transactions are serializable already).
    const transaction = this.core.db.transaction();
    const snapshot = this.core.dialect === "postgres" ? transaction.setIsolationLevel("repeatable read") : transaction;
    return this.core.read(`pack ${id}`, undefined, () =>
      snapshot.execute(async (trx) => {
        const row = await trx.selectFrom("pack").selectAll().where("id", "=", id).executeTakeFirst();
        if (row === undefined) return undefined;
        const files = await trx
          .selectFrom("pack_file")
          .select(["name", "content"])
          .where("pack_id", "=", id)
          .orderBy("name")
          .execute();
        return { ...toSummary(row), files: Object.fromEntries(files.map((f) => [f.name, f.content])) };
      }),
    );
  }

  /** A stored pack's version, or undefined when it is not stored: cheap, to check a cached copy. */
  async version(id: string): Promise<number | undefined> {
    return this.core.read(`pack ${id}'s version`, undefined, async () => {
      const row = await this.core.db.selectFrom("pack").select("version").where("id", "=", id).executeTakeFirst();
      return row?.version;
    });
  }
}
