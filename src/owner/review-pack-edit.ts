/**
 * A pack's files as a review reads and writes them: read as they are now (not as served: someone may have
 * edited them), validated, and how to write qa.yaml back: atomically under the knowledge directory
 * (writePackFile), or in the store for a pack added from Discord (refused if it changed since it was read).
 */
import { KnowledgeError } from "../knowledge/errors.js";
import { knowledgeFromFiles, readPackFiles, type PackFileTexts } from "../knowledge/pack-files.js";
import { writePackFile } from "../knowledge/qa-file.js";
import type { KnowledgeBase } from "../knowledge/types.js";
import { PACK_FILE_NAMES } from "../knowledge/validate.js";
import { describeError } from "../logger.js";
import type { Store } from "../storage/index.js";
import type { LiveLibrary } from "./live-library.js";
import { failed, type ReviewFailure, type ReviewResult } from "./review-result.js";

/** A pack's files as they are now, and how to write its qa.yaml back. */
interface Editable {
  readonly files: PackFileTexts;
  readonly kb: KnowledgeBase;
  /** Writes the new qa.yaml; a failure's reason and message, or undefined once written. */
  save(qa: string): Promise<{ reason: ReviewFailure; message: string } | undefined>;
}

/** The pack's files as they are now (not as served: someone may have edited them), and how to save qa.yaml. */
export async function editablePack(live: LiveLibrary, store: Store, article: string): Promise<Editable | ReviewResult> {
  if (live.origin(article) === "knowledge") {
    const dir = live.directoryOf(article);
    const { files, problems } = readPackFiles(dir, article);
    const kb = parse(article, files, problems);
    if (!("id" in kb)) return kb;
    return {
      files,
      kb,
      save: (qa) => {
        try {
          writePackFile(dir, PACK_FILE_NAMES.qa, qa);
          return Promise.resolve(undefined);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code ?? describeError(error).message;
          return Promise.resolve({
            reason: "not_writable" as const,
            message: `knowledge/${article}/${PACK_FILE_NAMES.qa} cannot be written (${code}); nothing changed`,
          });
        }
      },
    };
  }
  const stored = await store.packs.get(article);
  if (stored === undefined)
    return failed("unavailable", `the article "${article}" could not be read from the store; nothing changed`);
  const kb = parse(article, stored.files, []);
  if (!("id" in kb)) return kb;
  return {
    files: stored.files,
    kb,
    save: async (qa) => {
      const files = { ...stored.files, [PACK_FILE_NAMES.qa]: qa };
      const updated = await store.packs.update({ id: article, files, expectedVersion: stored.version });
      if (updated.ok) return undefined;
      const reason =
        updated.reason === "conflict" ? "conflict" : updated.reason === "invalid" ? "invalid" : "unavailable";
      return { reason, message: `${updated.message}; nothing changed` };
    },
  };
}

function parse(
  article: string,
  files: PackFileTexts,
  problems: KnowledgeError["problems"],
): KnowledgeBase | ReviewResult {
  try {
    return knowledgeFromFiles(article, files, [...problems]);
  } catch (error) {
    if (!(error instanceof KnowledgeError)) throw error;
    return failed(
      "invalid",
      `the article's files are not valid as they are, so nothing was changed: ${problemsOf(error)}`,
    );
  }
}

/** A KnowledgeError's problems on one line each, without the heading. */
export function problemsOf(error: KnowledgeError): string {
  return error.problems.map((p) => p.problem).join("; ");
}
