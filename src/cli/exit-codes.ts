/** Exit codes of the CLI entry points (documented in `npm run ask -- --help`). */
export const EXIT = {
  /** A reply was printed: answered or "the article doesn't say" (see `answered` in --json). */
  ok: 0,
  /** An unexpected internal error. */
  internal: 1,
  /** Bad usage: no question, unknown option. */
  usage: 2,
  /** The knowledge base under knowledge/ is invalid; the message names the file and entry. */
  invalidKnowledge: 3,
} as const;
