import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildPack } from "../../src/knowledge/new-pack.js";
import { openOwner, type Owner } from "../../src/owner/index.js";
import type { StoreOptions } from "../../src/storage/index.js";
import { FIXTURE_ARTICLE } from "./fixture-pack.js";
import { captureLogs, Stores, type LogCapture } from "./store.js";

/**
 * What the owner's tests share: a knowledge directory of their own (packs a test writes to, never knowledge/),
 * the fixture article as a pack's files, and owners opened on a store and closed after the test.
 */

/** A pack's files as `knowledge:new` makes them from a text (the fixture article by default). */
export function packFiles(text: string = FIXTURE_ARTICLE, title?: string): Record<string, string> {
  return { ...buildPack(text, title === undefined ? {} : { title }).files };
}

/** A temporary knowledge directory holding these packs (id → files); removed by `cleanUp`. */
export class KnowledgeDirs {
  private readonly dirs: string[] = [];

  make(packs: Readonly<Record<string, Readonly<Record<string, string>>>>): string {
    const root = mkdtempSync(join(tmpdir(), "owner-knowledge-"));
    this.dirs.push(root);
    for (const [id, files] of Object.entries(packs)) {
      mkdirSync(join(root, id));
      for (const [name, content] of Object.entries(files)) writeFileSync(join(root, id, name), content);
    }
    return root;
  }

  cleanUp(): void {
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

export interface OpenedOwner {
  readonly owner: Owner;
  readonly logs: LogCapture;
}

/** Owners opened for one test (each on its own store instance), closed by `closeAll`. */
export class Owners {
  private readonly open: Owner[] = [];
  private readonly stores = new Stores();

  async add(storeOptions: StoreOptions, root: string, logs: LogCapture = captureLogs()): Promise<OpenedOwner> {
    const store = await this.stores.add({ retryMs: 0, pruneDaily: false, ...storeOptions, logger: logs.logger });
    const owner = await openOwner({ storage: store, logger: logs.logger, root, articles: undefined });
    this.open.push(owner);
    return { owner, logs };
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.open.splice(0).map((o) => o.close()));
    await this.stores.closeAll();
  }
}
