import { spawnSync } from "node:child_process";
import { chmodSync, readdirSync } from "node:fs";
import { join } from "node:path";

/**
 * Makes a directory (and what is in it) read-only until the returned function is called. Permissions do not
 * stop root, so as root the directory is bind-mounted read-only over itself (a read-only file system, as a
 * read-only volume would be); otherwise its mode bits are cleared.
 */
export function makeReadOnly(dir: string): () => void {
  if (process.getuid?.() === 0) {
    const mount = (...args: string[]): void => {
      const result = spawnSync(args[0]!, args.slice(1), { encoding: "utf8" });
      if (result.error !== undefined || result.status !== 0)
        throw new Error(`${args.join(" ")} failed: ${result.error?.message ?? result.stderr}`);
    };
    mount("mount", "--bind", dir, dir);
    try {
      mount("mount", "-o", "remount,ro,bind", dir);
    } catch (error) {
      mount("umount", dir);
      throw error;
    }
    return () => mount("umount", dir);
  }
  const files = readdirSync(dir).map((name) => join(dir, name));
  for (const file of files) chmodSync(file, 0o444);
  chmodSync(dir, 0o555);
  return () => {
    chmodSync(dir, 0o755);
    for (const file of files) chmodSync(file, 0o644);
  };
}
