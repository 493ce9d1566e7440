import { renameSync, writeFileSync, openSync, fsyncSync, closeSync } from "node:fs";
import { join } from "node:path";
import { isMap, isSeq, parseDocument, YAMLSeq } from "yaml";
import type { QaEntryRecord } from "./schema.js";

/**
 * Edits to a pack's qa.yaml as a moderator's review makes them: a question added as a phrasing of an entry, a
 * new entry, a question marked out of scope. The file's comments and layout are kept (one phrasing per line), so
 * the change reads as a one-line diff. Callers validate the whole pack with the new text before writing it
 * (writePackFile), so a bad edit never reaches disk.
 */
function document(text: string) {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`qa.yaml does not parse: ${doc.errors[0]!.message}`);
  if (!isMap(doc.contents)) throw new Error("qa.yaml must be a map with an `entries` list");
  return doc;
}

/** Adds a phrasing to the entry with this id (its `phrasings` list is created if it has none). */
export function addPhrasing(text: string, entryId: string, phrasing: string): string {
  const doc = document(text);
  const entries = doc.get("entries", true);
  if (!isSeq(entries)) throw new Error("qa.yaml has no `entries` list");
  const entry = entries.items.find((item) => isMap(item) && item.get("id") === entryId);
  if (!isMap(entry)) throw new Error(`qa.yaml has no entry "${entryId}"`);
  const phrasings = entry.get("phrasings", true);
  if (isSeq(phrasings)) phrasings.add(doc.createNode(phrasing));
  else entry.set("phrasings", doc.createNode([phrasing]));
  return doc.toString({ lineWidth: 0 });
}

/** Appends a new entry. */
export function addEntry(text: string, entry: QaEntryRecord): string {
  const doc = document(text);
  let entries = doc.get("entries", true);
  if (!isSeq(entries)) {
    entries = new YAMLSeq();
    doc.set("entries", entries);
  }
  // A draft's `entries: []` becomes a block list: one entry, one field a line, as curated files have them.
  if (isSeq(entries) && entries.items.length === 0) entries.flow = false;
  const node = doc.createNode({ ...entry, sentences: [...entry.sentences] });
  // Citations on one line, as the rest of the file has them.
  const sentences = node.get("sentences", true);
  if (isSeq(sentences)) sentences.flow = true;
  (entries as YAMLSeq).add(node);
  return doc.toString({ lineWidth: 0 });
}

/** Records a question as not answered by the article. */
export function addOutOfScope(text: string, question: string): string {
  const doc = document(text);
  const list = doc.get("outOfScope", true);
  if (isSeq(list)) list.add(doc.createNode(question));
  else doc.set("outOfScope", doc.createNode([question]));
  return doc.toString({ lineWidth: 0 });
}

/**
 * Writes one file of a pack atomically: to a temporary file beside it, flushed to disk, then renamed over the
 * old one. A crash mid-write leaves the old file whole, never half a file.
 */
export function writePackFile(dir: string, name: string, contents: string): void {
  const target = join(dir, name);
  const temporary = join(dir, `.${name}.${process.pid}.tmp`);
  writeFileSync(temporary, contents);
  const fd = openSync(temporary, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, target);
}
