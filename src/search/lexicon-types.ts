/** Chat spelling as validated from lexicon/slang.yaml (slang.ts folds it, lexicon-files.ts validates it). */
export interface Slang {
  /** Abbreviation → what it stands for ("ppl" → "people"). */
  readonly expand: ReadonlyMap<string, string>;
  /** Words dropped from a question ("lol", "ngl"). */
  readonly filler: ReadonlySet<string>;
}
