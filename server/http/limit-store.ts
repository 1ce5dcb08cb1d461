/**
 * express-rate-limit's Store on the application store's hit counters: every Formpilot process
 * sharing a database counts the same hits, and a restart does not hand out a fresh allowance.
 * The key (a client's address, an account's e-mail) is stored as an HMAC under the site's secret:
 * a plain hash of an IPv4 address is undone by trying all of them.
 */
import { createHmac } from "node:crypto";
import type { Options, Store as LimiterStore, ClientRateLimitInfo } from "express-rate-limit";
import type { HitCount, HitCounters } from "../store/store";

/** Gives each limiter its own counter store; `name` tells the limits apart in the database. */
export type LimitStores = (name: string) => LimiterStore;

const infoOf = (count: HitCount): ClientRateLimitInfo => ({ totalHits: count.hits, resetTime: new Date(count.resetAt) });

export function limitStores(counters: HitCounters, secret: string, now: () => Date): LimitStores {
  const hashOf = (key: string) => createHmac("sha256", secret).update(key).digest("hex");
  return (name) => {
    // Until init says otherwise; express-rate-limit calls init before the first request.
    let windowMs = 60_000;
    return {
      prefix: name,
      localKeys: false,
      init: (options: Options) => {
        windowMs = options.windowMs;
      },
      increment: async (key) => {
        const at = now();
        return infoOf(await counters.countHit(name, hashOf(key), at.toISOString(), new Date(at.getTime() + windowMs).toISOString()));
      },
      decrement: (key) => counters.uncountHit(name, hashOf(key), now().toISOString()),
      get: async (key) => {
        const count = await counters.hitCount(name, hashOf(key), now().toISOString());
        return count && infoOf(count);
      },
      resetKey: (key) => counters.resetHits(name, hashOf(key)),
    };
  };
}
