/**
 * A worker thread's entry (build-in-worker.ts starts it): builds a draft pack from an article's text with the
 * same pipeline as `knowledge:new` (buildPack: cleaning, splitting, drafting fact cards), off the main thread,
 * and posts the pack's files back.
 */
import { parentPort, workerData } from "node:worker_threads";
import { NewPackError } from "../knowledge/article-text.js";
import { buildPack } from "../knowledge/new-pack.js";
import type { BuildReply, BuildRequest } from "./build-in-worker.js";

const request = workerData as BuildRequest;
let reply: BuildReply;
try {
  const pack = buildPack(request.raw, { ...(request.title === undefined ? {} : { title: request.title }) });
  reply = { ok: true, id: pack.id, title: pack.title, files: pack.files, sentences: pack.sentences.length };
} catch (error) {
  reply = {
    ok: false,
    refused: error instanceof NewPackError,
    message: error instanceof Error ? error.message : String(error),
  };
}
parentPort?.postMessage(reply);
