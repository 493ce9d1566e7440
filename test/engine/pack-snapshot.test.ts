import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AnswerEngine } from "../../src/answer/engine.js";
import { loadPackWith } from "../../src/answer/pack-snapshot.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { KnowledgeError } from "../../src/knowledge/errors.js";
import { buildPack } from "../../src/knowledge/new-pack.js";
import { FIXTURE_ARTICLE } from "../support/fixture-pack.js";

/** A pack written to a temporary knowledge directory, and a temporary snapshot directory. */
let pack: string;
let snapshots: string;
const saved = process.env.SNAPSHOT_DIR;

beforeEach(() => {
  pack = join(mkdtempSync(join(tmpdir(), "snap-")), "library");
  mkdirSync(pack);
  for (const [name, text] of Object.entries(buildPack(FIXTURE_ARTICLE, { id: "library" }).files)) {
    writeFileSync(join(pack, name), text);
  }
  snapshots = mkdtempSync(join(tmpdir(), "snapshots-"));
  process.env.SNAPSHOT_DIR = snapshots;
});

afterEach(() => {
  if (saved === undefined) delete process.env.SNAPSHOT_DIR;
  else process.env.SNAPSHOT_DIR = saved;
});

const ask = (q: string) => {
  const { kb, index } = loadPackWith(pack, loadKnowledge);
  return new AnswerEngine(kb, index).answer(q);
};

describe("pack snapshots", () => {
  it("are written on the first load and read on the next, answering the same", () => {
    const first = ask("who is paying for the roof");
    expect(readdirSync(snapshots).filter((f) => f.startsWith("library."))).toHaveLength(1);
    const written = readFileSync(join(snapshots, readdirSync(snapshots)[0]!));
    expect(ask("who is paying for the roof")).toEqual(first);
    // Read, not rewritten: the same bytes.
    expect(readFileSync(join(snapshots, readdirSync(snapshots)[0]!))).toEqual(written);
  });

  it("are never read once the pack changed: the new pack is validated and snapshotted, the old snapshot removed", () => {
    ask("anything");
    const before = readdirSync(snapshots);
    writeFileSync(
      join(pack, "qa.yaml"),
      "entries:\n  - id: when-closing\n    question: When does it close?\n    answer: On 3 June.\n    sentences: [S1]\n",
    );
    expect(ask("When does it close?").source).toEqual({ kind: "qa", id: "when-closing" });
    const after = readdirSync(snapshots);
    expect(after).toHaveLength(1);
    expect(after).not.toEqual(before);
  });

  it("never hide a broken pack: it fails with the file and entry, as without snapshots", () => {
    ask("anything");
    writeFileSync(
      join(pack, "qa.yaml"),
      "entries:\n  - id: x\n    question: Q?\n    answer: A.\n    sentences: [S99]\n",
    );
    expect(() => ask("anything")).toThrow(KnowledgeError);
    expect(() => ask("anything")).toThrow(/qa\.yaml:\d+: entry "x": cites unknown sentence "S99"/);
  });

  it("a damaged snapshot is rebuilt", () => {
    const first = ask("when does the library close");
    const file = join(snapshots, readdirSync(snapshots)[0]!);
    writeFileSync(file, "not a snapshot");
    expect(ask("when does the library close")).toEqual(first);
    expect(readFileSync(file).toString()).not.toBe("not a snapshot");
  });
});
