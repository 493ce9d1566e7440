import { isChat } from "../search/chat.js";
import { MAX_SEARCH_CHARS, normalizeText } from "../search/normalize.js";
import type { QuestionKind } from "../search/question-type.js";
import { expectedSpanMask, questionKind } from "../search/question-type.js";
import type { Slang } from "../search/lexicon-types.js";
import { defaultSlang, foldSlang } from "../search/slang.js";
import { FUNCTION_WORDS } from "../search/stopwords.js";
import type { WordVectors } from "../search/word-vectors.js";
import { defaultWordVectors } from "../search/word-vectors.js";

/**
 * Stage 1, prepare: what was asked, normalised once for every later stage and every pack. Discord tokens,
 * markdown, emoji and case go (normalizeText), chat spelling is folded ("ppl" → "people", "lol" dropped),
 * and the kind of answer asked for is read from the wording ("when" → a time).
 */
export interface Prepared {
  /** As asked, trimmed (what the reply echoes). */
  readonly question: string;
  /** Lower-case words, Discord tokens, markdown and symbols removed. */
  readonly normalized: string;
  /** `normalized` with chat spelling folded: what is searched. */
  readonly text: string;
  /** Why there is nothing to search, if there is not. */
  readonly nothing?: "empty" | "no-words" | "chat";
  readonly kind: QuestionKind;
  /** The span types that answer it (0: any). */
  readonly typeMask: number;
  /** Its question words ("when", "who"), which break ties between curated phrasings. */
  readonly functionWords: readonly string[];
}

export interface PrepareContext {
  readonly slang: Slang;
  readonly vectors: WordVectors | undefined;
}

function defaultPrepareContext(): PrepareContext {
  return { slang: defaultSlang(), vectors: defaultWordVectors() };
}

export function prepare(raw: string, context: PrepareContext = defaultPrepareContext()): Prepared {
  const question = raw.trim();
  const normalized = normalizeText(question);
  const text = foldSlang(normalized, context.slang, context.vectors).slice(0, MAX_SEARCH_CHARS);
  const kind = questionKind(text);
  const base = {
    question,
    normalized,
    text,
    kind,
    typeMask: expectedSpanMask(kind),
    functionWords: [...new Set(text.split(" ").filter((w) => FUNCTION_WORDS.has(w)))],
  };
  if (question === "") return { ...base, nothing: "empty" };
  if (normalized === "") return { ...base, nothing: "no-words" };
  if (isChat(normalized) || text === "") return { ...base, nothing: "chat" };
  return base;
}
