/**
 * /fact: a fact card found by its name or an alias, misspellings included, with the closest names when none
 * matches.
 */
import Fuse from "fuse.js";
import type { Fact, KnowledgeBase } from "../../knowledge/types.js";
import type { EntryIndex } from "../../search/entry-index.js";
import { buildEntryIndex } from "../../search/entry-index.js";
import { matchEntries } from "../../search/entry-match.js";
import { normalizeText } from "../../search/normalize.js";
import type { PackIndex } from "../../search/pack-index.js";
import { resolveIn } from "../../search/pack-index.js";
import type { Citation, FactView } from "../types.js";

/** The match score a fact lookup by name accepts from the entry index (a misspelt multi-word topic). */
const FACT_MATCH = 0.68;

/**
 * Quick fact lookup (/fact): a card by its id, name or alias; else Fuse over names and aliases (a near
 * spelling); else the entry index, which understands misspelt multi-word topics; else the closest cards.
 */
export class FactLookup {
  private fuseBuilt: Fuse<Fact> | undefined;
  private factIndexBuilt: EntryIndex | undefined;
  /** A fact's id, and its name and aliases normalised → the fact's position (the first fact wins). */
  private readonly position = new Map<string, number>();

  constructor(
    private readonly kb: KnowledgeBase,
    private readonly index: PackIndex,
  ) {
    kb.facts.forEach((fact, at) => {
      for (const key of [`id:${fact.id}`, ...[fact.name, ...fact.aliases].map((n) => `name:${normalizeText(n)}`)]) {
        if (!this.position.has(key)) this.position.set(key, at);
      }
    });
  }

  /** Built on the first near-miss, not at start-up. */
  private get fuse(): Fuse<Fact> {
    this.fuseBuilt ??= new Fuse(this.kb.facts, {
      keys: [
        { name: "name", weight: 2 },
        { name: "aliases", weight: 1 },
      ],
      threshold: 0.35,
      ignoreLocation: true,
      includeScore: true,
    });
    return this.fuseBuilt;
  }

  /** The fact cards' names and aliases as an index of their own (a draft's cards are not in the answer index). */
  private get factIndex(): EntryIndex {
    this.factIndexBuilt ??= buildEntryIndex(
      this.kb.facts.map((f) => ({ kind: "fact" as const, id: f.id, texts: [f.name, ...f.aliases] })),
      this.index.analyzer,
    );
    return this.factIndexBuilt;
  }

  /** Fact cards ranked for a text (misspelt multi-word topics understood), best first. */
  indexed(typed: string, limit = 5): { fact: Fact; score: number }[] {
    const words = resolveIn(this.index, typed);
    return matchEntries(this.factIndex, this.index.analyzer, words, [], 60)
      .filter((h) => h.target.kind === "fact")
      .slice(0, limit)
      .map((h) => ({ fact: this.kb.factById.get(h.target.id)!, score: h.score }));
  }

  find(topic: string): { fact?: Fact; closest: Fact[] } {
    const typed = normalizeText(topic);
    if (typed === "") return { closest: [] };
    const positions = [this.position.get(`id:${topic.trim()}`), this.position.get(`name:${typed}`)].filter(
      (p): p is number => p !== undefined,
    );
    if (positions.length > 0) return { fact: this.kb.facts[Math.min(...positions)]!, closest: [] };
    const results = this.fuse.search(typed, { limit: 5 });
    const top = results[0];
    if (top !== undefined && (top.score ?? 1) <= 0.15) return { fact: top.item, closest: [] };
    const viaIndex = this.indexed(typed);
    if (viaIndex[0] !== undefined && viaIndex[0].score >= FACT_MATCH) return { fact: viaIndex[0].fact, closest: [] };
    const closest = [...new Set([...results.map((r) => r.item), ...viaIndex.map((h) => h.fact)])];
    return { closest: closest.slice(0, 5) };
  }

  view(topic: string, cite: (ids: readonly string[]) => Citation[]): FactView {
    const { fact, closest } = this.find(topic);
    if (fact === undefined) return { found: false, topic: topic.trim(), closest };
    return {
      found: true,
      fact,
      citations: cite(fact.sentences),
      related: fact.related.map((id) => this.kb.factById.get(id)!),
    };
  }
}
