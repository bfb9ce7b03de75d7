/** What the sandbox keeps of a calculation: enough to answer its key again with the same calculation. */
export interface StoredCalculation {
  readonly calculationId: string;
  readonly calculatedAt: string;
  /** Hash of the request it was made for: the same key with another body is refused, not answered. */
  readonly bodyHash: string;
}

/**
 * Idempotency keys and their calculations, newest last. Only the identity is kept, not the
 * figures: the calculation is a pure function of the request (fixed rate tables), so a replay
 * recomputes the same figures, and 200,000 keys of a benchmark cost ~30 MB instead of the
 * ~300 MB their answers would. Past `maxKeys` the oldest key is forgotten (real APIs keep keys
 * for a day or so); a key forgotten and sent again is calculated again, and the sandbox's stats
 * count that as an order taxed twice, as they should.
 */
export class IdempotencyStore {
  private readonly entries = new Map<string, StoredCalculation>();

  constructor(readonly maxKeys: number) {
    if (!Number.isInteger(maxKeys) || maxKeys < 1) throw new RangeError(`maxKeys is an integer from 1, got ${maxKeys}`);
  }

  get(key: string): StoredCalculation | undefined {
    return this.entries.get(key);
  }

  set(key: string, calculation: StoredCalculation): void {
    this.entries.set(key, calculation);
    if (this.entries.size > this.maxKeys) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}
