/**
 * The keys seen in the last `windowMs` milliseconds, for the `unique` rule.
 *
 * A Map keeps insertion order, and a key seen again is deleted and re-inserted, so the Map is
 * always ordered by last sighting: expiry pops from the front until the oldest key is inside the
 * window, and eviction under the memory bound pops the least recently seen key. Both are O(1)
 * amortised per record.
 *
 * Memory bound: at most `maxKeys` entries (default 1,000,000). An entry costs the key string plus
 * about 80 bytes of Map overhead, so the default holds roughly 100-150 MB for 20-character keys.
 * When the bound is reached the oldest key is forgotten early, and a duplicate of it arriving
 * later inside the window is not caught; `evicted` counts how often that happened so a run
 * report can say the window was too small for the volume.
 */
export class KeyWindow {
  private readonly lastSeen = new Map<string, number>();
  private evictedCount = 0;
  /**
   * Times are kept relative to the first sighting: a clock in epoch milliseconds is a double that
   * the Map would box into a heap number per entry, while an offset of under 12 days is a small
   * integer stored in place. At a million keys in the window that is a million objects fewer for
   * the garbage collector to copy out of the young generation. Exact for whole-millisecond
   * clocks (Date.now()), the differences being the same integers.
   */
  private base = NaN;
  /**
   * While the clock only moves forward, the Map is ordered by time too, and `oldestAt` is at most
   * the front's time (+Infinity when empty): the front is looked at only when it may have
   * expired, so a record costs no iterator when nothing expires. A clock that ever steps back
   * turns that off (`inOrder`), and every sighting looks at the front, as it always did.
   */
  private oldestAt = Infinity;
  private latestAt = -Infinity;
  private inOrder = true;

  constructor(
    readonly windowMs: number,
    readonly maxKeys = 1_000_000,
  ) {
    if (!(windowMs > 0)) throw new RangeError(`window must be positive, got ${windowMs}`);
    if (!(maxKeys >= 1)) throw new RangeError(`maxKeys must be at least 1, got ${maxKeys}`);
  }

  /** Records a sighting of `key` at `nowMs`; true when it was already seen inside the window. */
  seen(key: string, nowMs: number): boolean {
    if (Number.isNaN(this.base)) this.base = nowMs;
    const now = nowMs - this.base;
    if (now < this.latestAt) this.inOrder = false;
    else this.latestAt = now;
    if (!this.inOrder || !(now - this.oldestAt < this.windowMs)) this.expire(now);
    const previous = this.lastSeen.get(key);
    const duplicate = previous !== undefined && now - previous < this.windowMs;
    if (previous !== undefined) this.lastSeen.delete(key);
    else if (this.lastSeen.size >= this.maxKeys) this.evictOldest();
    this.lastSeen.set(key, now);
    if (now < this.oldestAt) this.oldestAt = now;
    return duplicate;
  }

  get size(): number {
    return this.lastSeen.size;
  }

  /** Keys forgotten before their window ended because of the memory bound. */
  get evicted(): number {
    return this.evictedCount;
  }

  private expire(now: number): void {
    for (const [key, at] of this.lastSeen) {
      if (now - at < this.windowMs) {
        this.oldestAt = at;
        return;
      }
      this.lastSeen.delete(key);
    }
    this.oldestAt = Infinity;
  }

  private evictOldest(): void {
    const oldest = this.lastSeen.keys().next();
    if (!oldest.done) {
      this.lastSeen.delete(oldest.value);
      this.evictedCount++;
    }
  }
}
