/**
 * Idempotent-producer state of one partition, Kafka's ProducerStateManager semantics
 * (KIP-98; checks as in ProducerAppendInfo of Kafka 2.5+): per producer id, its epoch and the
 * metadata of its last 5 batches (a producer has at most 5 requests in flight, so any retry
 * is among them). A pure state machine: the log feeds it appended batches and rebuilds it
 * from batch headers and snapshots (producer-snapshot.ts).
 *
 * Unknown producer with a first sequence other than 0: accepted, as Kafka has done since 2.5
 * (KIP-360: "If there is no current producer epoch (possibly because all producer records have
 * been deleted due to retention or the DeleteRecords API) accept writes with any sequence
 * number"). Kafka ≤ 2.4 answered UNKNOWN_PRODUCER_ID, which the Java client repaired by
 * resetting its sequences, but kafkajs treats both UNKNOWN_PRODUCER_ID and
 * OUT_OF_ORDER_SEQUENCE_NUMBER as fatal (non-retriable, and it only asks for a new producer id
 * on connect), so either error would break the producer for good. Accepting is the only answer
 * it recovers from, and it loses no deduplication: this state survives restarts, so a producer
 * is unknown only once retention removed every batch it wrote.
 */
import { KafkaProtocolError } from '@tributary/kafka-protocol';
import { INT32_MAX } from './batch-header';

export const BATCHES_RETAINED = 5;

export interface BatchMetadata {
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly baseOffset: number;
  readonly lastOffset: number;
}

export interface ProducerEntry {
  readonly epoch: number;
  /** Oldest first, at most BATCHES_RETAINED. */
  readonly batches: readonly BatchMetadata[];
}

/** One batch of an append, with the offsets it would get. */
export interface ProducerBatch extends BatchMetadata {
  readonly producerId: number;
  readonly epoch: number;
}

export type AppendCheck = { readonly duplicate: BatchMetadata } | { readonly duplicate: null };

export class ProducerStateTable {
  private readonly entries = new Map<number, ProducerEntry>();

  get size(): number {
    return this.entries.size;
  }

  entry(producerId: number): ProducerEntry | undefined {
    return this.entries.get(producerId);
  }

  /**
   * Validates the batches of one append in order, each against the state the earlier ones
   * would leave (Kafka's analyzeAndValidateProducerState). Returns the original batch if one
   * is a retry of a batch still in the window (the log answers with its offsets and writes
   * nothing); throws INVALID_PRODUCER_EPOCH or OUT_OF_ORDER_SEQUENCE_NUMBER; changes nothing:
   * the log calls `apply` for each batch as it writes it.
   */
  check(batches: readonly ProducerBatch[]): AppendCheck {
    const staged = new Map<number, ProducerEntry>();
    for (const batch of batches) {
      if (batch.producerId < 0) continue;
      const committed = this.entries.get(batch.producerId);
      if (committed && committed.epoch === batch.epoch) {
        const original = committed.batches.find((b) => b.firstSeq === batch.firstSeq && b.lastSeq === batch.lastSeq);
        if (original) return { duplicate: original };
      }
      const current = staged.get(batch.producerId) ?? committed;
      validate(batch, current);
      staged.set(batch.producerId, next(current, batch));
    }
    return { duplicate: null };
  }

  /** Records a batch written to the log (or found by a rebuild), without checks. */
  apply(batch: ProducerBatch): void {
    if (batch.producerId < 0) return;
    const current = this.entries.get(batch.producerId);
    if (current && batch.epoch < current.epoch) return;
    this.entries.set(batch.producerId, next(current, batch));
  }

  /** Forgets producers all of whose batches lie below the log start (Kafka's evictUnretainedProducers). */
  evictBefore(logStartOffset: number): void {
    for (const [id, entry] of this.entries) {
      const last = entry.batches[entry.batches.length - 1];
      if (!last || last.lastOffset < logStartOffset) this.entries.delete(id);
    }
  }

  /** Last offset of each producer's latest batch: compaction keeps those batches' headers. */
  lastOffsets(): Map<number, number> {
    const result = new Map<number, number>();
    for (const [id, entry] of this.entries) {
      const last = entry.batches[entry.batches.length - 1];
      if (last) result.set(id, last.lastOffset);
    }
    return result;
  }

  toJSON(): Array<{ producerId: number; epoch: number; batches: readonly BatchMetadata[] }> {
    return [...this.entries].map(([producerId, e]) => ({ producerId, epoch: e.epoch, batches: e.batches }));
  }

  static fromJSON(json: ReturnType<ProducerStateTable['toJSON']>): ProducerStateTable {
    const table = new ProducerStateTable();
    for (const p of json) table.entries.set(p.producerId, { epoch: p.epoch, batches: p.batches.slice(-BATCHES_RETAINED) });
    return table;
  }
}

function validate(batch: ProducerBatch, current: ProducerEntry | undefined): void {
  if (!current) return; // unknown producer: any sequence (see the comment on top)
  if (batch.epoch < current.epoch) {
    throw new KafkaProtocolError('INVALID_PRODUCER_EPOCH', `producer ${batch.producerId} epoch ${batch.epoch} is older than ${current.epoch}`);
  }
  if (batch.epoch > current.epoch) {
    if (batch.firstSeq !== 0) {
      throw new KafkaProtocolError('OUT_OF_ORDER_SEQUENCE_NUMBER', `producer ${batch.producerId} new epoch ${batch.epoch} must start at sequence 0, not ${batch.firstSeq}`);
    }
    return;
  }
  const last = current.batches[current.batches.length - 1];
  if (last && !inSequence(last.lastSeq, batch.firstSeq)) {
    throw new KafkaProtocolError('OUT_OF_ORDER_SEQUENCE_NUMBER', `producer ${batch.producerId}: sequence ${batch.firstSeq} after ${last.lastSeq}`);
  }
}

function inSequence(lastSeq: number, nextSeq: number): boolean {
  return nextSeq === lastSeq + 1 || (nextSeq === 0 && lastSeq === INT32_MAX);
}

/** A new epoch starts an empty window (Kafka's maybeUpdateProducerEpoch clears the batches). */
function next(current: ProducerEntry | undefined, batch: ProducerBatch): ProducerEntry {
  const kept = current && current.epoch === batch.epoch ? current.batches : [];
  const meta: BatchMetadata = { firstSeq: batch.firstSeq, lastSeq: batch.lastSeq, baseOffset: batch.baseOffset, lastOffset: batch.lastOffset };
  return { epoch: batch.epoch, batches: [...kept, meta].slice(-BATCHES_RETAINED) };
}
