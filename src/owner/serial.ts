/**
 * Runs asynchronous tasks one after another per key (a pack id): a task starts when the one before it on the
 * same key has settled, whether it succeeded or failed. What one instance does to a pack (a review teaching
 * it, a reload) never interleaves with another read-modify-write of the same pack.
 */
export class Serial {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    const result = before.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
