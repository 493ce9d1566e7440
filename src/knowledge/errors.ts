/** One thing wrong with the knowledge base, pinned to a file and (where there is one) an entry. */
export interface KnowledgeProblem {
  readonly file: string;
  /** The entry's id, or its position ("#12") when it has no usable id. */
  readonly entry?: string;
  /** The 1-based line in the file, for files read with their lines (YAML). */
  readonly line?: number;
  readonly problem: string;
}

function formatProblem({ file, entry, line, problem }: KnowledgeProblem): string {
  const at = line === undefined ? file : `${file}:${line}`;
  return entry === undefined ? `${at}: ${problem}` : `${at}: entry "${entry}": ${problem}`;
}

/** Thrown when the knowledge base is invalid; its message lists every problem found, one per line. */
export class KnowledgeError extends Error {
  constructor(
    readonly problems: readonly KnowledgeProblem[],
    /** The pack the problems are in, when they are all in one. */
    readonly pack?: string,
  ) {
    super(
      `The knowledge ${pack === undefined ? "base" : `pack "${pack}"`} is invalid (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
        problems.map((p) => `  - ${formatProblem(p)}`).join("\n"),
    );
    this.name = "KnowledgeError";
  }
}
