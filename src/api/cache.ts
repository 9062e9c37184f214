// A bounded LRU of answers by request key. Honest because a server's context (ledger + data + scenarios) never
// changes while it runs: the same query always has the same answer. Answers that depend on today's date are
// not cached. Concurrent identical requests share one computation.
export interface CachedBody {
  body: string;
  contentType: string;
}

export class AnswerCache {
  private readonly entries = new Map<string, Promise<CachedBody>>();
  private readonly sizes = new Map<string, number>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(
    private readonly maxBytes = 64 * 1024 * 1024,
    private readonly maxEntryBytes = 8 * 1024 * 1024,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  async get(key: string, compute: () => Promise<CachedBody>): Promise<CachedBody> {
    const hit = this.entries.get(key);
    if (hit) {
      this.hits++;
      this.entries.delete(key); // refresh recency
      this.entries.set(key, hit);
      return hit;
    }
    this.misses++;
    const pending = compute();
    this.entries.set(key, pending);
    try {
      const value = await pending;
      const size = value.body.length + key.length;
      if (size > this.maxEntryBytes) this.drop(key);
      else if (this.entries.get(key) === pending) {
        this.sizes.set(key, size);
        this.bytes += size;
        this.evict();
      }
      return value;
    } catch (err) {
      this.drop(key);
      throw err;
    }
  }

  private drop(key: string): void {
    this.entries.delete(key);
    this.bytes -= this.sizes.get(key) ?? 0;
    this.sizes.delete(key);
  }

  private evict(): void {
    for (const key of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) break;
      if (this.sizes.has(key)) this.drop(key);
    }
  }
}
