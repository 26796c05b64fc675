import { LRUCache } from 'lru-cache';
import { changeSignals } from '@gv/core';

/**
 * Results of a read that many callers repeat (a filtered list, its total), kept while nothing was written:
 * an entry is served only under the `content` change version it was read under (every committed write of
 * any process bumps it, see the platform's change feed) and for `ttlMs` at most. A result read while a
 * write committed is returned but not kept. The key must name everything the result depends on (for a
 * query: its SQL and parameters, which include the caller's scope).
 */
export class ReadCache<V> {
  private readonly entries: LRUCache<string, { value: V; version: number }>;

  constructor(max = 500, ttlMs = 10_000) {
    this.entries = new LRUCache({ max, ttl: ttlMs });
  }

  async get(key: string, read: () => Promise<V>): Promise<V> {
    const version = changeSignals.version('content');
    const hit = this.entries.get(key);
    if (hit && hit.version === version) return hit.value;
    const value = await read();
    if (changeSignals.version('content') === version) this.entries.set(key, { value, version });
    return value;
  }
}
