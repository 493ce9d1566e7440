import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AnswerEngine } from "../src/answer/engine.js";
import { loadCorpus, type CorpusArticle } from "../src/eval/corpus.js";
import { REPO_ROOT } from "../src/knowledge/load.js";

/**
 * The figures of a pasted article, measured on the question corpus's articles (test/corpus/): `knowledge:new`
 * run as a user runs it (the compiled build, one process per article) into a temporary knowledge directory
 * beside a copy of the reference pack — ten packs, which the HTTP server's idle memory is then measured with —
 * and the draft pack of the article nearest 60 sentences, with its own questions, for answer latency.
 */
export interface DraftFigures {
  /** The temporary knowledge directory: the reference pack and the nine drafts. */
  readonly root: string;
  readonly packs: number;
  /** knowledge:new, spawn to exit, for each article: its sentence count and milliseconds. */
  readonly made: readonly { readonly id: string; readonly sentences: number; readonly ms: number }[];
  /** The draft nearest 60 sentences: its engine and its own questions, to time answers with. */
  readonly draft: {
    readonly id: string;
    readonly sentences: number;
    readonly engine: AnswerEngine;
    readonly questions: readonly string[];
  };
}

/** How many corpus articles become packs beside the reference one (ten packs in all). */
const DRAFTS = 9;

export function measureDrafts(): DraftFigures {
  const corpus = loadCorpus();
  const root = mkdtempSync(join(tmpdir(), "bench-packs-"));
  cpSync(join(REPO_ROOT, "knowledge", "putin-north-korea-2024"), join(root, "putin-north-korea-2024"), {
    recursive: true,
  });
  const made = corpus.slice(0, DRAFTS).map((article) => {
    const file = join(REPO_ROOT, "test", "corpus", article.id, "article.txt");
    const start = performance.now();
    const run = spawnSync(process.execPath, ["dist/knowledge/new.js", "--id", article.id, file], {
      cwd: REPO_ROOT,
      // The temporary packs' snapshots beside them, not among the project's own (generated/snapshots).
      env: { ...process.env, KNOWLEDGE_DIR: root, SNAPSHOT_DIR: join(root, ".snapshots") },
      encoding: "utf8",
    });
    const ms = performance.now() - start;
    if (run.status !== 0) throw new Error(`knowledge:new ${article.id} failed: ${run.stderr}`);
    return { id: article.id, sentences: article.kb.sentences.length, ms };
  });
  const nearest = corpus.reduce((best: CorpusArticle, a) =>
    Math.abs(a.kb.sentences.length - 60) < Math.abs(best.kb.sentences.length - 60) ? a : best,
  );
  return {
    root,
    packs: made.length + 1,
    made,
    draft: {
      id: nearest.id,
      sentences: nearest.kb.sentences.length,
      engine: new AnswerEngine(nearest.kb),
      questions: [...nearest.set.inScope.map((q) => q.q), ...nearest.set.outOfScope.map((q) => q.q)],
    },
  };
}
