/**
 * The checks of facts.json beyond its schema: related facts that exist (and are not the fact itself), and
 * names and aliases that belong to one fact only.
 */
import type { KnowledgeProblem } from "./errors.js";
import type { PackFiles } from "./pack-dir.js";
import type { Fact } from "./types.js";

export function checkFacts(KNOWLEDGE_FILES: PackFiles, facts: readonly Fact[], problems: KnowledgeProblem[]): void {
  const file = KNOWLEDGE_FILES.facts;
  const factIds = new Set(facts.map((f) => f.id));
  const owner = new Map<string, string>();
  for (const fact of facts) {
    for (const related of fact.related) {
      if (!factIds.has(related))
        problems.push({ file, entry: fact.id, problem: `related fact "${related}" does not exist` });
      if (related === fact.id) problems.push({ file, entry: fact.id, problem: "lists itself as related" });
    }
    // A fact is found by its name and its aliases, so two facts sharing one would make lookups ambiguous.
    const names = new Set([fact.name, ...fact.aliases].map((a) => a.trim().toLowerCase()));
    for (const name of names) {
      const other = owner.get(name);
      if (other !== undefined && other !== fact.id) {
        problems.push({ file, entry: fact.id, problem: `alias "${name}" is also a name or alias of fact "${other}"` });
      } else {
        owner.set(name, fact.id);
      }
    }
  }
}
