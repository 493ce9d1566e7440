import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
import { readPackTexts, REPO_ROOT } from "../knowledge/pack-dir.js";
import type { KnowledgeBase } from "../knowledge/types.js";
import type { PackIndex, PackIndexData } from "../search/pack-index.js";
import { buildIndex, indexFromData, indexToData } from "../search/pack-index.js";
import { wordVectorsPath } from "../search/word-vectors.js";

/**
 * Packs loaded from snapshots: a pack's validated knowledge base and its search index, serialised (node:v8) the
 * first time the pack is loaded — at `npm run build`, when a pack is created or reviewed, or at the first start
 * after a change — and read back at every later start, so start-up neither parses YAML, nor validates, nor
 * analyses thousands of phrasings.
 *
 * A snapshot is named by its pack and a checksum of everything it was built from: the pack's files, the code that
 * validates and indexes them (the modules of ../knowledge and ../search), the English lexicon and the word-vector
 * table, and the snapshot format. Anything changed gives another checksum, so a stale snapshot is never read: it
 * is rebuilt (never silently wrong). Writing is best effort (a read-only directory only costs the rebuild).
 */
const SNAPSHOT_FORMAT = 1;

const here = dirname(fileURLToPath(import.meta.url));

export function snapshotDir(): string {
  return process.env.SNAPSHOT_DIR ?? join(REPO_ROOT, "generated", "snapshots");
}

interface Snapshot {
  readonly format: number;
  readonly checksum: string;
  readonly kb: KnowledgeBase;
  readonly index: PackIndexData;
}

let fingerprint: string | undefined;

/** What every pack's index depends on besides the pack itself (computed once per process). */
function codeFingerprint(): string {
  if (fingerprint === undefined) {
    const hash = createHash("sha256").update(`format ${SNAPSHOT_FORMAT}\n`);
    // A compiled build changes only by building again, which writes a new stamp; the sources are read as they are.
    const stamp = join(here, "..", ".build-stamp");
    if (existsSync(stamp)) hash.update(readFileSync(stamp));
    else {
      for (const folder of ["knowledge", "search"]) {
        const dir = join(here, "..", folder);
        for (const name of readdirSync(dir).sort()) {
          if (!/\.(?:ts|js)$/.test(name)) continue;
          hash.update(`${folder}/${name}\n`).update(readFileSync(join(dir, name)));
        }
      }
    }
    const english = join(REPO_ROOT, "lexicon", "english.yaml");
    if (existsSync(english)) hash.update(readFileSync(english));
    const vectors = wordVectorsPath();
    if (existsSync(vectors)) hash.update(`vectors ${statSync(vectors).size} ${statSync(vectors).mtimeMs}\n`);
    fingerprint = hash.digest("hex");
  }
  return fingerprint;
}

/** The checksum a pack's snapshot is named by. */
function packChecksum(texts: Readonly<Record<string, string>>): string {
  const hash = createHash("sha256").update(codeFingerprint());
  for (const name of Object.keys(texts).sort()) hash.update(`\n${name}\n`).update(texts[name]!);
  return hash.digest("hex").slice(0, 32);
}

/**
 * Whether this process runs the compiled build or the sources (tsx). Each keeps its own current snapshot of a
 * pack, so running one does not delete the other's (the CLI from dist/ and the tests from the sources would
 * otherwise rebuild the pack every time they take turns).
 */
const CODE_KIND = existsSync(join(here, "..", ".build-stamp")) ? "build" : "sources";

function snapshotPath(id: string, checksum: string): string {
  return join(snapshotDir(), `${id}.${CODE_KIND}.${checksum}.v8`);
}

/** A loaded pack: its validated knowledge base and its search index. */
export interface LoadedPack {
  readonly kb: KnowledgeBase;
  readonly index: PackIndex;
}

/** A pack's files and the checksum its snapshot is named by. */
export interface PackSource {
  readonly dir: string;
  readonly id: string;
  readonly checksum: string;
}

/** The pack from its snapshot when one is current, else its source (to validate and index). */
export function fromSnapshot(dir: string): LoadedPack | PackSource {
  const { id, texts } = readPackTexts(dir);
  const checksum = packChecksum(texts);
  const path = snapshotPath(id, checksum);
  if (existsSync(path)) {
    try {
      const snapshot = deserialize(readFileSync(path)) as Snapshot;
      if (snapshot.format === SNAPSHOT_FORMAT && snapshot.checksum === checksum) {
        return { kb: snapshot.kb, index: indexFromData(snapshot.index, snapshot.kb) };
      }
    } catch {
      // An unreadable snapshot is rebuilt.
    }
  }
  return { dir, id, checksum };
}

/** Validates and indexes a pack whose snapshot is not current (with `load`: knowledge/load.ts), and snapshots it. */
export function rebuild(source: PackSource, load: (dir: string) => KnowledgeBase): LoadedPack {
  const kb = load(source.dir);
  const index = buildIndex(kb);
  writeSnapshot(source.id, source.checksum, kb, index);
  return { kb, index };
}

/** A pack with its index: from its snapshot when it is current, else loaded with `load`, indexed and snapshotted. */
export function loadPackWith(dir: string, load: (dir: string) => KnowledgeBase): LoadedPack {
  const found = fromSnapshot(dir);
  return "kb" in found ? found : rebuild(found, load);
}

/**
 * Writes a pack's snapshot (atomically) and removes its older ones, except the other code kind's current one;
 * failures are ignored.
 */
function writeSnapshot(id: string, checksum: string, kb: KnowledgeBase, index: PackIndex): void {
  try {
    const dir = snapshotDir();
    mkdirSync(dir, { recursive: true });
    const path = snapshotPath(id, checksum);
    const snapshot: Snapshot = { format: SNAPSHOT_FORMAT, checksum, kb, index: indexToData(index) };
    writeFileSync(`${path}.${process.pid}.tmp`, serialize(snapshot));
    renameSync(`${path}.${process.pid}.tmp`, path);
    for (const name of readdirSync(dir)) {
      const theOthers = name.startsWith(`${id}.${CODE_KIND === "build" ? "sources" : "build"}.`);
      if (name.startsWith(`${id}.`) && !theOthers && name.endsWith(".v8") && join(dir, name) !== path)
        rmSync(join(dir, name), { force: true });
    }
  } catch {
    // Best effort: the next start rebuilds.
  }
}
