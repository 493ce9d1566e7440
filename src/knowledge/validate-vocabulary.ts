/**
 * The checks of a pack's optional word lists: concepts.json (actors and opposites, each word under one entry)
 * and lexicon.yaml (names with their spellings, synonym groups, each spelling and word claimed once).
 */
import type { KnowledgeProblem } from "./errors.js";
import type { PackFiles } from "./pack-dir.js";
import { lexiconFileSchema } from "./schema.js";
import type { LexiconRecord } from "./schema.js";
import type { Concepts } from "./types.js";
import { parseYamlWhole, yamlOf } from "./validate-parse.js";

export function checkConcepts(KNOWLEDGE_FILES: PackFiles, concepts: Concepts, problems: KnowledgeProblem[]): void {
  const file = KNOWLEDGE_FILES.concepts;
  const seen = new Map<string, string>();
  const claim = (word: string, entry: string): void => {
    const other = seen.get(word);
    if (other !== undefined && other !== entry)
      problems.push({ file, entry, problem: `"${word}" is also listed under "${other}"` });
    else seen.set(word, entry);
  };
  for (const actor of concepts.actors) for (const name of actor.names) claim(name, actor.id);
  seen.clear();
  for (const pair of concepts.opposites) {
    for (const word of pair.words) claim(word, pair.id);
    for (const word of pair.opposite) {
      if (pair.words.includes(word)) problems.push({ file, entry: pair.id, problem: `"${word}" is on both sides` });
      claim(word, pair.id);
    }
  }
}

export const NO_LEXICON: LexiconRecord = { names: [], synonyms: [] };

export function parseLexicon(file: string, text: string, problems: KnowledgeProblem[]): LexiconRecord {
  const source = yamlOf(file, text, problems);
  if (source === undefined) return NO_LEXICON;
  const lexicon = parseYamlWhole(file, lexiconFileSchema, source, problems);
  if (lexicon === undefined) return NO_LEXICON;
  const spelledBy = new Map<string, string>();
  lexicon.names.forEach((name, i) => {
    for (const spelling of name.spellings) {
      const other = spelledBy.get(spelling);
      const line = source.lineOf(["names", i, "spellings"]);
      if (other !== undefined && other !== name.term)
        problems.push({
          file,
          entry: name.term,
          ...(line === undefined ? {} : { line }),
          problem: `spelling "${spelling}" is also a spelling of "${other}"`,
        });
      spelledBy.set(spelling, name.term);
    }
  });
  const grouped = new Map<string, number>();
  lexicon.synonyms.forEach((group, i) => {
    for (const word of group) {
      const other = grouped.get(word);
      const line = source.lineOf(["synonyms", i]);
      if (other !== undefined && other !== i)
        problems.push({
          file,
          entry: group[0]!,
          ...(line === undefined ? {} : { line }),
          problem: `"${word}" is also in the group of "${lexicon.synonyms[other]![0]}"`,
        });
      grouped.set(word, i);
    }
  });
  return lexicon;
}
