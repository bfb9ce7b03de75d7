/**
 * Where one subscription stands on each partition of a pipeline's results topic: the next offset
 * it must be sent. Every record, live or replayed, passes through `accept`, which makes delivery
 * exactly the offsets from the start position on, each once and in order per partition:
 *
 * - `deliver`: the record is the next one; the position moves past it.
 * - `duplicate`: already sent (a replay overlapping the live feed); dropped.
 * - `ahead`: records before it have not been sent yet (the client is catching up, or the live
 *   feed started after the subscription's start); dropped here, and a catch-up read from the
 *   position brings them, this one included, in order.
 */
export type Acceptance = 'deliver' | 'duplicate' | 'ahead';

export class PartitionPositions {
  private readonly next = new Map<number, bigint>();

  constructor(start: ReadonlyMap<number, bigint>) {
    for (const [partition, offset] of start) this.next.set(partition, offset);
  }

  accept(partition: number, offset: bigint): Acceptance {
    const next = this.next.get(partition);
    if (next === undefined || offset > next) return 'ahead';
    if (offset < next) return 'duplicate';
    this.next.set(partition, offset + 1n);
    return 'deliver';
  }

  /** The log start moved past the position (retention deleted records): continue from there. */
  skipTo(partition: number, offset: bigint): void {
    const next = this.next.get(partition);
    if (next === undefined || offset > next) this.next.set(partition, offset);
  }

  positionOf(partition: number): bigint | undefined {
    return this.next.get(partition);
  }

  /** Partitions whose position is before `ends` (the topic's high watermarks): what a catch-up must read. */
  behind(ends: ReadonlyMap<number, bigint>): Map<number, bigint> {
    const lagging = new Map<number, bigint>();
    for (const [partition, end] of ends) {
      const next = this.next.get(partition);
      if (next !== undefined && next < end) lagging.set(partition, next);
    }
    return lagging;
  }

  /** The last offset sent per partition (position - 1), as the client echoes it back in `after`. */
  lastSeen(): Record<string, string> {
    return Object.fromEntries([...this.next].map(([partition, next]) => [String(partition), String(next - 1n)]));
  }
}
