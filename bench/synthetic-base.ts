import type { KnowledgeBase, QaEntry } from "../src/knowledge/types.js";

/**
 * Grows the real knowledge base to `size` Q&A entries for the scaling benchmark. Each synthetic
 * entry is a real entry's question and phrasings with two of their words swapped for made-up
 * words (from a seeded generator, so every run builds the same base), which grows the vocabulary
 * and the posting lists the way a bigger article collection would.
 */
export function growKnowledgeBase(kb: KnowledgeBase, size: number, seed = 42): KnowledgeBase {
  const random = seededRandom(seed);
  const syllables = SYLLABLES;
  const word = (): string =>
    Array.from({ length: 2 + Math.floor(random() * 2) }, () => syllables[Math.floor(random() * syllables.length)]).join(
      "",
    );
  const vocabulary = Array.from({ length: 4000 }, word);
  const pick = (): string => vocabulary[Math.floor(random() * vocabulary.length)]!;
  const mutate = (text: string): string => {
    const words = text.split(" ");
    for (let k = 0; k < 2; k++) words[Math.floor(random() * words.length)] = pick();
    return words.join(" ");
  };

  const qa: QaEntry[] = [...kb.qa];
  for (let i = qa.length; i < size; i++) {
    const template = kb.qa[i % kb.qa.length]!;
    qa.push({
      ...template,
      id: `synthetic-${i}`,
      question: mutate(template.question),
      phrasings: template.phrasings.map(mutate),
      pinned: false,
    });
  }
  return { ...kb, qa, qaById: new Map(qa.map((e) => [e.id, e])) };
}

/** A deterministic pseudo-random generator (mulberry32), so generated bases are the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Syllables for made-up names that no real question contains. */
export const SYLLABLES = [
  "ka",
  "lo",
  "mir",
  "zan",
  "vek",
  "tor",
  "si",
  "pra",
  "dun",
  "el",
  "gor",
  "ny",
  "ost",
  "ra",
  "bel",
  "qui",
];
