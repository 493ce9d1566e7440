import { KnowledgeError } from "./errors.js";
import { loadKnowledge } from "./load.js";

/** `npm run knowledge:check`: validates knowledge/ and prints a summary, or every problem and exit code 1. */
try {
  const kb = loadKnowledge();
  const citedFirst = new Set(kb.qa.map((e) => e.sentences[0]));
  console.log(
    `knowledge OK: ${kb.sentences.length} sentences (S0–S${kb.sentences.length - 1}), ${kb.qa.length} Q&A entries, ` +
      `${kb.facts.length} facts; ${citedFirst.size}/${kb.sentences.length} sentences are some entry's first citation.`,
  );
} catch (error) {
  if (!(error instanceof KnowledgeError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
