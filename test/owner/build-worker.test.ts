/**
 * Building a pack in a worker thread, from the sources (as the tests run) and from the compiled build (as the
 * bot runs): the same files as buildPack in this thread, and a text that makes no pack refused with its reason.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { buildPack } from "../../src/knowledge/new-pack.js";
import { REPO_ROOT } from "../../src/knowledge/load.js";
import { buildPackInWorker } from "../../src/owner/build-in-worker.js";
import { FIXTURE_ARTICLE } from "../support/fixture-pack.js";

describe("building a pack in a worker thread", () => {
  it("makes the files buildPack makes, or says why the text makes no pack", async () => {
    const built = await buildPackInWorker({ raw: FIXTURE_ARTICLE, title: "Library news" });
    const here = buildPack(FIXTURE_ARTICLE, { title: "Library news" });
    expect(built).toEqual({
      ok: true,
      id: here.id,
      title: "Library news",
      files: here.files,
      sentences: here.sentences.length,
    });
    expect(await buildPackInWorker({ raw: "Only a headline", title: undefined })).toMatchObject({
      ok: false,
      refused: true,
      message: expect.stringMatching(/at least 3/) as unknown,
    });
  });

  it("works from the compiled build, where the worker is dist/owner/build-pack-worker.js", () => {
    const script = `
      const { buildPackInWorker } = await import("./dist/owner/build-in-worker.js");
      const reply = await buildPackInWorker({ raw: ${JSON.stringify(FIXTURE_ARTICLE)}, title: undefined });
      console.log(JSON.stringify({ ok: reply.ok, id: reply.id, sentences: reply.sentences }));`;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: REPO_ROOT,
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    const here = buildPack(FIXTURE_ARTICLE);
    expect(JSON.parse(run.stdout)).toEqual({ ok: true, id: here.id, sentences: here.sentences.length });
  });
});
