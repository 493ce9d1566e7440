import { KnowledgeError } from "./errors.js";
import { loadPacks } from "./load.js";
import { sameCitations } from "./validate-qa.js";
import { uncitedSentences } from "./validate-sentences.js";

/**
 * `npm run knowledge:check`: validates every pack under knowledge/ (or those ARTICLES names) and prints a
 * summary per pack, or every problem and exit code 1. For a draft pack, the sentences no Q&A entry cites yet
 * are listed as hints (what to curate next), not errors.
 */
try {
  for (const kb of loadPacks()) {
    const citedFirst = new Set(kb.qa.map((e) => e.sentences[0]));
    console.log(
      `${kb.id} (${kb.status}) OK: ${kb.sentences.length} sentences (S0–S${kb.sentences.length - 1}), ${kb.qa.length} Q&A entries, ` +
        `${kb.facts.length} facts; ${citedFirst.size}/${kb.sentences.length} sentences are some entry's first citation.`,
    );
    // Entries citing exactly the same sentences: a warning (they may be one question curated twice, or rightly two).
    const twins = sameCitations(kb.qa);
    if (twins.length > 0) {
      console.log(
        `  warning: ${twins.length} group${twins.length === 1 ? "" : "s"} of Q&A entries cite exactly the same sentences:`,
      );
      for (const ids of twins.slice(0, 10))
        console.log(`    ${ids.join(", ")}: ${kb.qaById.get(ids[0]!)!.sentences.join(", ")}`);
      if (twins.length > 10) console.log(`    … and ${twins.length - 10} more`);
    }
    if (kb.status === "draft") {
      const uncited = uncitedSentences(kb.sentences, kb.qa);
      if (uncited.length > 0) {
        console.log(
          `  hint: ${uncited.length} sentence${uncited.length === 1 ? "" : "s"} no Q&A entry cites yet (a curated pack cites them all):`,
        );
        for (const id of uncited) console.log(`    ${id}: ${kb.sentenceById.get(id)!.text.slice(0, 100)}`);
      }
    }
  }
} catch (error) {
  if (!(error instanceof KnowledgeError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
