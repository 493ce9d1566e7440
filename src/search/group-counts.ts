/**
 * How many groups use each key, a key counted once per group: document frequencies (an entry's texts are one
 * group) and a vocabulary's word counts (a text is one group). Groups arrive one after another, so a key's last
 * group is all that is remembered: one look-up a key.
 */
export class GroupCounts {
  private readonly counts = new Map<string, { n: number; last: number }>();

  /** Counts `key` for `group`, unless it was already counted for it. */
  add(key: string, group: number): void {
    const count = this.counts.get(key);
    if (count === undefined) this.counts.set(key, { n: 1, last: group });
    else if (count.last !== group) {
      count.last = group;
      count.n += 1;
    }
  }

  /** Key → how many groups use it, in the order the keys were first seen. */
  toMap(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [key, count] of this.counts) out.set(key, count.n);
    return out;
  }
}
