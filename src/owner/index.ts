/**
 * What a server owner manages, for every surface (Discord, the HTTP endpoint, `npm run review`): the packs
 * served and kept current (LiveLibrary), the question log and votes (QuestionRecorder), the default articles
 * (DefaultArticles), the review that teaches packs (ReviewDesk) and the articles added from Discord
 * (Articles), all over one store. Open it once per process:
 *
 *   const owner = await openOwner({ storage: config.storage, logger, loaded: library.packs.map((p) => p.engine) });
 *   owner.live.current.answer(question);
 *   await owner.close();
 */
import type { AnswerEngine } from "../answer/engine.js";
import type { StorageConfig } from "../config.js";
import { articlesFromEnv, knowledgeDir } from "../knowledge/load.js";
import type { Logger } from "../logger.js";
import { openStore, Store, storeOptions } from "../storage/index.js";
import { Articles } from "./articles.js";
import { DefaultArticles } from "./defaults.js";
import { LiveLibrary } from "./live-library.js";
import { QuestionRecorder } from "./questions.js";
import { ReviewDesk } from "./review-desk.js";

export interface Owner {
  readonly store: Store;
  readonly live: LiveLibrary;
  readonly questions: QuestionRecorder;
  readonly defaults: DefaultArticles;
  readonly review: ReviewDesk;
  readonly articles: Articles;
  /** Waits for the question log's writes in flight, then closes the store. */
  close(): Promise<void>;
}

export interface OwnerOptions {
  /** The store's configuration (the store is opened here), or a store already open (it is closed with the owner). */
  readonly storage: StorageConfig | Store;
  readonly logger: Logger;
  /** The knowledge directory's packs, already loaded and validated (else loaded here). */
  readonly loaded?: readonly AnswerEngine[];
  /** The knowledge directory (default KNOWLEDGE_DIR or knowledge/) and ARTICLES (default from the environment). */
  readonly root?: string;
  readonly articles?: readonly string[] | undefined;
  /** While the store cannot list its packs, try again this often (default 15 s). */
  readonly retryMs?: number;
}

/**
 * Opens the store and loads every pack (the knowledge directory's, then the store's). A store that fails does
 * not stop it: the knowledge directory's packs are served, the question log and settings act as empty, and
 * the packs added from Discord load when the store answers. An invalid pack under the knowledge directory
 * throws its KnowledgeError.
 */
export async function openOwner(options: OwnerOptions): Promise<Owner> {
  const { logger } = options;
  const store =
    options.storage instanceof Store ? options.storage : await openStore(storeOptions(options.storage, logger));
  let live: LiveLibrary;
  try {
    live = await LiveLibrary.open({
      root: options.root ?? knowledgeDir(),
      articles: "articles" in options ? options.articles : articlesFromEnv(),
      store,
      logger,
      ...(options.loaded === undefined ? {} : { loaded: options.loaded }),
      ...(options.retryMs === undefined ? {} : { retryMs: options.retryMs }),
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  const questions = new QuestionRecorder(store);
  const defaults = new DefaultArticles(store);
  return {
    store,
    live,
    questions,
    defaults,
    review: new ReviewDesk(live, store, logger),
    articles: new Articles(live, store, logger),
    async close() {
      live.close();
      defaults.close();
      await questions.settled();
      await store.close();
    },
  };
}
