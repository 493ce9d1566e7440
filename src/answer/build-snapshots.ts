import { listPackIds, knowledgeDir } from "../knowledge/pack-dir.js";
import { join } from "node:path";
import { loadKnowledge } from "../knowledge/load.js";
import { loadPackWith, snapshotDir } from "./pack-snapshot.js";

/**
 * Run by `npm run build` after compiling: loads every pack under the knowledge directory once, which writes
 * each pack's snapshot (pack-snapshot.ts) so the first start reads snapshots instead of building indexes. A
 * pack that does not load is left for the start to report (with its file and entry); the build goes on.
 */
let written = 0;
for (const id of listPackIds()) {
  try {
    loadPackWith(join(knowledgeDir(), id), loadKnowledge);
    written++;
  } catch (error) {
    process.stderr.write(
      `Snapshot of pack "${id}" not written: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}\n`,
    );
  }
}
process.stderr.write(`Pack snapshots: ${written} current in ${snapshotDir()}\n`);
