/** Chat spelling as validated from lexicon/slang.yaml (slang.ts folds it, lexicon-files.ts validates it). */
export interface Slang {
  /** Abbreviation → what it stands for ("ppl" → "people"). */
  readonly expand: ReadonlyMap<string, string>;
  /** Words dropped from a question ("lol", "ngl"). */
  readonly filler: ReadonlySet<string>;
  /** Filler of several words, as normalised text, longest first ("asking for a friend"). */
  readonly phrases: readonly string[];
  /** A symbol standing alone → the words it is typed for ("w/o" → "without"). */
  readonly symbols: ReadonlyMap<string, string>;
  /** A digit typed for a word ("2" → "to"), read so before a determiner or pronoun only. */
  readonly numerals: ReadonlyMap<string, string>;
}
