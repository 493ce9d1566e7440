import { describe, expect, it } from "vitest";
import { RateLimiter } from "../../src/discord/core/rate-limit.js";

function clock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

describe("RateLimiter", () => {
  it("allows `count` requests per sliding window, then says when the oldest leaves the window", () => {
    const c = clock();
    const limiter = new RateLimiter({ count: 3, windowMs: 10_000, now: c.now });
    expect(limiter.check("a")).toEqual({ allowed: true });
    c.advance(1000);
    expect(limiter.check("a")).toEqual({ allowed: true });
    c.advance(1000);
    expect(limiter.check("a")).toEqual({ allowed: true });
    c.advance(1000);
    expect(limiter.check("a")).toEqual({ allowed: false, retryAt: 1_000_000 + 10_000 });
    // Refused attempts do not count: the retry time stays the same.
    c.advance(5000);
    expect(limiter.check("a")).toEqual({ allowed: false, retryAt: 1_010_000 });
    // Sliding, not fixed: at exactly retryAt the first request has left the window, the other two have not.
    c.advance(1_010_000 - c.now());
    expect(limiter.check("a")).toEqual({ allowed: true });
    expect(limiter.check("a")).toEqual({ allowed: false, retryAt: 1_001_000 + 10_000 });
  });

  it("is per user", () => {
    const c = clock();
    const limiter = new RateLimiter({ count: 1, windowMs: 1000, now: c.now });
    expect(limiter.check("a").allowed).toBe(true);
    expect(limiter.check("a").allowed).toBe(false);
    expect(limiter.check("b").allowed).toBe(true);
    expect(limiter.check("b").allowed).toBe(false);
  });

  it("forgets users whose window has passed, and never tracks more than maxUsers", () => {
    const c = clock();
    const limiter = new RateLimiter({ count: 2, windowMs: 1000, now: c.now, maxUsers: 100 });
    for (let i = 0; i < 50; i++) limiter.check(`u${i}`);
    expect(limiter.size).toBe(50);
    c.advance(999);
    limiter.check("late");
    expect(limiter.size).toBe(51);
    c.advance(1);
    limiter.check("later"); // the first 50 are now out of the window
    expect(limiter.size).toBe(2);

    for (let i = 0; i < 1000; i++) limiter.check(`flood${i}`);
    expect(limiter.size).toBe(100);
    // The most recently active users are the ones kept.
    expect(limiter.check("flood999").allowed).toBe(true);
    expect(limiter.check("flood999").allowed).toBe(false);
  });

  it("rejects nonsensical settings", () => {
    expect(() => new RateLimiter({ count: 0, windowMs: 1000 })).toThrow(RangeError);
    expect(() => new RateLimiter({ count: 1, windowMs: 0 })).toThrow(RangeError);
  });
});
