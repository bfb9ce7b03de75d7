import type { OutboundQueue } from './outbound-queue';
import type { PartitionPositions } from './partition-positions';
import { serverFrames } from './server-frames';
import type { ReadRecord } from './topic-reader';

/** A reader of some partitions from chosen offsets (a TopicReader), as a catch-up drives it. */
export interface PartitionReader {
  start(): Promise<void>;
  stop(): Promise<void>;
  pause(partition: number): void;
  resume(partition: number): void;
}

/** Where a subscription reads what the live feed cannot give it. */
export interface ReplaySource {
  /** Each partition's log start and end (high watermark) now. */
  offsets(): Promise<Map<number, { low: bigint; high: bigint }>>;
  reader(start: ReadonlyMap<number, bigint>, onRecords: (partition: number, records: readonly ReadRecord[], highWatermark: bigint) => number, onError: (error: Error) => void): PartitionReader;
}

/**
 * One client's subscription to one pipeline's results: every record from its start positions
 * on, each once, in order per partition, whether it comes from the shared live feed or from a
 * catch-up read of the topic (after a reconnect with the last offsets seen, or whenever the live
 * feed is ahead of the client). A catch-up reads only while the client's queue has room, so a
 * client replaying a long backlog is slowed, not dropped; the live feed waits for nobody, so a
 * client that cannot keep up with live results is dropped by its queue's limit.
 */
export class Subscription {
  private catchingUp = false;
  private catchUpAgain = false;
  private reader: PartitionReader | undefined;
  private endRead: (() => void) | undefined;
  private closed = false;

  constructor(
    readonly tenant: string,
    readonly pipeline: string,
    readonly positions: PartitionPositions,
    private readonly queue: OutboundQueue,
    private readonly source: ReplaySource,
    /** The queue overflowed: the connection must be closed as a slow consumer. */
    private readonly overflowed: () => void,
    private readonly failed: (error: Error) => void,
  ) {}

  /** A record of the live feed. */
  offer(record: ReadRecord): void {
    if (this.closed) return;
    const acceptance = this.positions.accept(record.partition, record.offset);
    if (acceptance === 'deliver') this.send(record.frame);
    else if (acceptance === 'ahead') this.catchUp();
  }

  /** Reads what lies between the positions and the topic's end; again if more fell behind meanwhile. */
  catchUp(): void {
    if (this.closed) return;
    if (this.catchingUp) {
      this.catchUpAgain = true;
      return;
    }
    this.catchingUp = true;
    void this.catchUpLoop()
      .catch((error: Error) => this.failed(error))
      .finally(() => (this.catchingUp = false));
  }

  /** The live feed this subscription follows stopped for good: the client is told to subscribe again. */
  fail(error: Error): void {
    if (!this.closed) this.failed(error);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.endRead?.();
    await this.reader?.stop();
  }

  private async catchUpLoop(): Promise<void> {
    do {
      this.catchUpAgain = false;
      const offsets = await this.source.offsets();
      const ends = new Map<number, bigint>();
      for (const [partition, { low, high }] of offsets) {
        const position = this.positions.positionOf(partition);
        if (position !== undefined && position < low) {
          this.send(serverFrames.gap(this.tenant, this.pipeline, partition, position, low - 1n));
          this.positions.skipTo(partition, low);
        }
        ends.set(partition, high);
      }
      const lagging = this.positions.behind(ends);
      if (lagging.size > 0 && !this.closed) await this.read(lagging);
    } while (this.catchUpAgain && !this.closed);
  }

  private read(lagging: Map<number, bigint>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const remaining = new Set(lagging.keys());
      let done = false;
      const finish = (error?: Error) => {
        if (done) return;
        done = true;
        this.endRead = undefined;
        const reader = this.reader;
        this.reader = undefined;
        void (reader?.stop() ?? Promise.resolve()).then(() => (error ? reject(error) : resolve()));
      };
      this.endRead = finish;
      const reader = this.source.reader(
        lagging,
        (partition, records, highWatermark) => {
          if (!remaining.has(partition) || this.closed) return records.length;
          let taken = 0;
          for (const record of records) {
            if (!this.queue.hasRoom()) {
              reader.pause(partition);
              this.queue.onRoom(() => reader.resume(partition));
              break;
            }
            // In a catch-up read records come in order from the position; an offset past it means the
            // ones between do not exist (transaction markers; none in a log our idempotent producers write).
            let acceptance = this.positions.accept(partition, record.offset);
            if (acceptance === 'ahead') {
              this.positions.skipTo(partition, record.offset);
              acceptance = this.positions.accept(partition, record.offset);
            }
            if (acceptance === 'deliver') this.send(record.frame);
            taken++;
          }
          const position = this.positions.positionOf(partition);
          if (position !== undefined && position >= highWatermark) remaining.delete(partition);
          if (remaining.size === 0) finish();
          return taken;
        },
        (error) => finish(error),
      );
      this.reader = reader;
      reader.start().catch((error: Error) => finish(error));
    });
  }

  private send(frame: string): void {
    if (!this.queue.push(frame)) {
      this.closed = true;
      this.overflowed();
    }
  }
}
