import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from './log/durable-write';

const BLOCK = 1000;

/**
 * Hands out producer ids that are never reused, across restarts and crashes: the partition
 * logs keep each producer's sequence state, so a reused id would be fenced or, worse, deduplicated
 * against another producer's batches. Ids are reserved a block at a time (Kafka's
 * ProducerIdManager does the same), persisting only the block's end, so a crash skips ids
 * but never repeats one.
 */
export class ProducerIdBlock {
  private next: number;
  private reservedUntil: number;

  constructor(private readonly path: string) {
    const saved = existsSync(path) ? Number(JSON.parse(readFileSync(path, 'utf8')).reservedUntil) : 0;
    if (!Number.isSafeInteger(saved) || saved < 0) throw new Error(`corrupt producer id file ${path}`);
    this.next = saved;
    this.reservedUntil = saved;
  }

  allocate(): number {
    if (this.next >= this.reservedUntil) {
      this.reservedUntil = this.next + BLOCK;
      writeFileAtomic(this.path, JSON.stringify({ reservedUntil: this.reservedUntil }));
    }
    return this.next++;
  }
}
