/**
 * The durable log of one partition, with Kafka's append, read, durability and idempotence
 * semantics over a directory of segments (segment-list.ts); cleanup lives in log-cleaner.ts.
 *
 * Appends write each batch with a positional writeSync into the page cache: a few µs per
 * batch, no promise or callback per request, in order by construction (the log is its file's
 * only writer and Node runs one append at a time), and the bytes are readable at once. Making
 * them durable is the flush rounds' job (flush-group.ts): one asynchronous fdatasync on the
 * libuv pool per round, shared by every producer waiting, after which the high watermark (the
 * end of what is durable, and of what readers see) moves up.
 */
import { KafkaProtocolError } from '@tributary/kafka-protocol';
import { planOffsets, validateAppend } from './append-validation';
import { type BatchHeader, INT32_MAX, NO_TIMESTAMP, readBatchHeader, stampLogAppendTime, writeBaseOffset } from './batch-header';
import { fdatasyncAsync, syncDirectoryWith } from './durable-write';
import { FlushGroup } from './flush-group';
import { HighWatermark } from './high-watermark';
import { LogCleaner, type MaintenanceResult } from './log-cleaner';
import { type LogConfig } from './log-config';
import { findOffsetForTimestamp, type OffsetAndTimestamp, readBatches } from './log-read';
import { writeProducerSnapshot } from './producer-snapshot';
import { type ProducerStateTable } from './producer-state';
import { rebuildProducerState } from './recovery';
import { SegmentList } from './segment-list';

export type { MaintenanceResult } from './log-cleaner';

export interface PartitionLogOptions {
  /** Makes a file's data durable; fdatasync by default (tests count calls through it). */
  readonly fsync?: (fd: number) => Promise<void>;
  /** Errors thrown by high-watermark listeners. */
  readonly onError?: (error: Error) => void;
}

export interface AppendResult {
  readonly baseOffset: number;
  readonly lastOffset: number;
  /** The broker time stamped on the batches under message.timestamp.type=LogAppendTime, else -1. */
  readonly logAppendTime: number;
  readonly logStartOffset: number;
}

export class PartitionLog {
  private readonly flushGroup = new FlushGroup(() => this.flushRound());
  private readonly cleaner: LogCleaner;
  private readonly fsync: (fd: number) => Promise<void>;
  private readonly hw: HighWatermark;
  private closed = false;
  private writeFailure: Error | null = null;

  private constructor(private readonly segments: SegmentList, private cfg: LogConfig, private readonly producers: ProducerStateTable, options: PartitionLogOptions) {
    this.hw = new HighWatermark(segments.logEndOffset, options.onError);
    this.cleaner = new LogCleaner(segments, producers);
    this.fsync = options.fsync ?? fdatasyncAsync;
  }

  /** Opens (creating if needed) the log in `dir`, recovering it if it was not closed cleanly. */
  static open(dir: string, config: LogConfig, options: PartitionLogOptions = {}): PartitionLog {
    const segments = SegmentList.open(dir, config['index.interval.bytes']);
    const producers = rebuildProducerState(dir, segments.all, segments.logEndOffset, segments.logStartOffset);
    return new PartitionLog(segments, config, producers, options);
  }

  get dir(): string {
    return this.segments.dir;
  }

  get highWatermark(): number {
    return this.hw.offset;
  }

  get logEndOffset(): number {
    return this.segments.logEndOffset;
  }

  get logStartOffset(): number {
    return this.segments.logStartOffset;
  }

  get sizeInBytes(): number {
    return this.segments.sizeInBytes;
  }

  get config(): LogConfig {
    return this.cfg;
  }

  /** AlterConfigs: takes effect from the next append, roll or maintenance run. */
  setConfig(config: LogConfig): void {
    this.cfg = config;
  }

  /**
   * Appends producer batches (each Buffer one CRC-checked v2 batch), assigning offsets in
   * place. A retry of one of a producer's last 5 batches is answered with its original offsets
   * and not written again. Not durable yet: await flush() for that (acks=-1).
   */
  append(batches: readonly Buffer[], now = Date.now()): AppendResult {
    this.assertWritable();
    const headers = validateAppend(batches, this.cfg);
    const planned = planOffsets(headers, this.logEndOffset);
    const { duplicate } = this.producers.check(planned);
    if (duplicate) return { baseOffset: duplicate.baseOffset, lastOffset: duplicate.lastOffset, logAppendTime: NO_TIMESTAMP, logStartOffset: this.logStartOffset };
    const logAppendTime = this.cfg['message.timestamp.type'] === 'LogAppendTime' ? now : NO_TIMESTAMP;
    try {
      batches.forEach((batch, i) => {
        writeBaseOffset(batch, 0, planned[i].baseOffset);
        if (logAppendTime !== NO_TIMESTAMP) stampLogAppendTime(batch, 0, batch.length, now);
        const header = readBatchHeader(batch);
        this.maybeRoll(header, planned[i].lastOffset, now);
        this.segments.active.append(batch, header, this.cfg['index.interval.bytes']);
        this.producers.apply(planned[i]);
      });
    } catch (err) {
      // The file is now in an unknown state; like Kafka on an I/O error in a log dir, take no
      // more writes (a restart recovers the log to its last valid batch).
      this.writeFailure = err as Error;
      throw new KafkaProtocolError('UNKNOWN_SERVER_ERROR', `partition log ${this.dir} failed: ${(err as Error).message}`);
    }
    this.flushGroup.schedule();
    return { baseOffset: planned[0].baseOffset, lastOffset: planned[planned.length - 1].lastOffset, logAppendTime, logStartOffset: this.logStartOffset };
  }

  /** Resolves once everything appended before the call is fsynced and under the high watermark. */
  flush(): Promise<void> {
    return this.flushGroup.flush();
  }

  /** Calls `listener` with the new high watermark each time it moves up; returns the unsubscribe function. */
  onHighWatermark(listener: (highWatermark: number) => void): () => void {
    return this.hw.subscribe(listener);
  }

  /** Fetch: whole batches from the one holding fetchOffset, ≤ maxBytes (but at least one batch), below the high watermark. */
  read(fetchOffset: number, maxBytes: number): Buffer {
    return readBatches(this.segments.all, fetchOffset, maxBytes, { logStartOffset: this.logStartOffset, highWatermark: this.hw.offset });
  }

  /** ListOffsets by time (≥ 0; -1 latest and -2 earliest are highWatermark and logStartOffset). */
  offsetForTimestamp(timestamp: number): OffsetAndTimestamp | null {
    return findOffsetForTimestamp(this.segments.all, timestamp, { logStartOffset: this.logStartOffset, highWatermark: this.hw.offset });
  }

  /** DeleteRecords: raises the log start offset (-1: to the high watermark); returns the new one (the low watermark). */
  deleteRecordsBefore(offset: number): number {
    this.assertWritable();
    const target = offset === -1 ? this.highWatermark : offset;
    if (target < 0 || target > this.highWatermark) {
      throw new KafkaProtocolError('OFFSET_OUT_OF_RANGE', `cannot delete records before ${offset}: high watermark is ${this.highWatermark}`);
    }
    return this.cleaner.deleteRecordsBefore(target);
  }

  /** Retention and compaction as the topic's cleanup.policy says (synchronous: compaction pauses the event loop). */
  maintain(now = Date.now()): MaintenanceResult {
    if (this.closed || this.failure()) return { deletedSegments: 0, compactedSegments: 0 };
    return this.cleaner.run(this.cfg, now);
  }

  /** Flushes, then writes the active segment's indexes, a producer snapshot and the clean-shutdown marker. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flushGroup.idle();
    const clean = !this.failure() && (await this.flushGroup.flush().then(() => true, () => false));
    if (clean) {
      this.segments.active.writeIndexes();
      writeProducerSnapshot(this.dir, this.logEndOffset, this.producers);
    }
    this.segments.closeAll();
    if (clean) this.segments.writeCleanShutdownMarker();
    this.hw.clear();
  }

  private failure(): Error | null {
    return this.writeFailure ?? this.flushGroup.failure;
  }

  private assertWritable(): void {
    // Retriable on purpose: during a shutdown, clients retry against the restarted broker.
    if (this.closed) throw new KafkaProtocolError('NOT_LEADER_FOR_PARTITION', `partition log ${this.dir} is closed`);
    const failure = this.failure();
    if (failure) throw new KafkaProtocolError('UNKNOWN_SERVER_ERROR', `partition log ${this.dir} failed: ${failure.message}`);
  }

  /**
   * Kafka's LogSegment.shouldRoll: segment.bytes would be exceeded, relative offsets would
   * overflow int32, or segment.ms has passed, measured like Kafka from the segment's first batch
   * timestamp to the incoming batch's (so old CreateTime timestamps do not roll every batch),
   * or by the clock from when the segment was opened if batches carry no timestamps.
   */
  private maybeRoll(batch: BatchHeader, lastOffset: number, now: number): void {
    const segment = this.segments.active;
    if (segment.size === 0) return;
    const full = segment.size + batch.size > this.cfg['segment.bytes'];
    const waited = segment.rollStartMs >= 0 && batch.maxTimestamp >= 0 ? batch.maxTimestamp - segment.rollStartMs : now - segment.openedMs;
    if (!full && waited <= this.cfg['segment.ms'] && lastOffset + 1 - segment.baseOffset <= INT32_MAX) return;
    this.segments.roll(this.logEndOffset);
    writeProducerSnapshot(this.dir, this.logEndOffset, this.producers);
  }

  /**
   * One group-commit round: fsync every unsealed segment (the rolled ones and the active one),
   * then the directory if a segment was created, then raise the high watermark to the end seen
   * when the round began. Segments already rolled by then are complete: seal them.
   */
  private async flushRound(): Promise<void> {
    const target = this.logEndOffset;
    const dirty = this.segments.unsealed();
    const rolled = dirty.slice(0, -1);
    if (target === this.highWatermark && rolled.length === 0) return; // nothing written since the last round
    await Promise.all(dirty.map((s) => this.fsync(s.fd)));
    if (rolled.length > 0) await syncDirectoryWith(this.dir, this.fsync);
    this.hw.advanceTo(target);
    if (rolled.length === 0) return;
    for (const s of rolled) {
      s.writeIndexes();
      s.sealed = true;
    }
    this.segments.checkpoint();
  }
}
