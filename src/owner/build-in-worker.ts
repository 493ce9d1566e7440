/**
 * Building a pack from an article's text in a worker thread, so the event loop never waits for it.
 */
import { Worker } from "node:worker_threads";

/** What the worker is asked: an article's text (already decoded and checked) and its title, if one was given. */
export interface BuildRequest {
  readonly raw: string;
  readonly title: string | undefined;
}

/** What it answers: the draft pack's id, title, files and sentence count, or why the text makes no pack. */
export type BuildReply =
  | {
      readonly ok: true;
      readonly id: string;
      readonly title: string;
      readonly files: Readonly<Record<string, string>>;
      readonly sentences: number;
    }
  /** `refused`: the text cannot make a pack (too few sentences, no title, ...): the message says why. */
  | { readonly ok: false; readonly refused: boolean; readonly message: string };

/** A 200 KB article takes 2 to 5 s on a busy 2-core machine; past this the worker is stopped. */
const BUILD_TIMEOUT_MS = 60_000;

/**
 * Builds a draft pack in a worker thread, so the event loop keeps answering meanwhile. From the compiled build
 * the worker is build-pack-worker.js; from the sources (tests) it is the .ts file, loaded through tsx (a
 * development dependency, never reached from dist/).
 */
export function buildPackInWorker(request: BuildRequest, timeoutMs = BUILD_TIMEOUT_MS): Promise<BuildReply> {
  const fromSources = import.meta.url.endsWith(".ts");
  const entry = new URL(fromSources ? "./build-pack-worker.ts" : "./build-pack-worker.js", import.meta.url);
  const worker = fromSources
    ? new Worker(
        `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))})` +
          `.then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`,
        { eval: true, workerData: request },
      )
    : // The process's flags, but for --input-type (a process started with `node -e` would pass it on).
      new Worker(entry, {
        workerData: request,
        execArgv: process.execArgv.filter((arg) => !arg.startsWith("--input-type")),
      });
  return new Promise<BuildReply>((resolve) => {
    let settled = false;
    const finish = (reply: BuildReply): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(reply);
    };
    const timer = setTimeout(
      () => finish({ ok: false, refused: false, message: `building the pack took longer than ${timeoutMs / 1000} s` }),
      timeoutMs,
    );
    worker.once("message", (reply: BuildReply) => finish(reply));
    worker.once("error", (error) => finish({ ok: false, refused: false, message: error.message }));
    worker.once("exit", (code) => finish({ ok: false, refused: false, message: `the build worker exited (${code})` }));
  });
}
