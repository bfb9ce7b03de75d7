/**
 * Before an append: what the log itself checks of a producer's batches, and the offsets it
 * plans for them (the caller has already checked each CRC; Kafka's LogValidator checks the rest):
 * - the buffer holds exactly one v2 batch: CORRUPT_MESSAGE otherwise;
 * - at most max.message.bytes: MESSAGE_TOO_LARGE; at most segment.bytes: RECORD_LIST_TOO_LARGE
 *   (a batch is never split across segments);
 * - records numbered 0..count-1 (lastOffsetDelta = recordsCount - 1), as every producer sends
 *   them, since offsets are assigned from the header alone: INVALID_RECORD otherwise;
 * - no control batch: only transaction coordinators write those.
 */
import { KafkaProtocolError } from '@tributary/kafka-protocol';
import { type BatchHeader, HEADER_SIZE, MAGIC_V2, isControl, lastSequenceOf, readBatchHeader } from './batch-header';
import { type LogConfig } from './log-config';
import { type ProducerBatch } from './producer-state';

export function validateAppend(batches: readonly Buffer[], config: LogConfig): BatchHeader[] {
  if (batches.length === 0) throw new KafkaProtocolError('CORRUPT_MESSAGE', 'no record batch to append');
  return batches.map((batch, i) => {
    if (batch.length < HEADER_SIZE) throw new KafkaProtocolError('CORRUPT_MESSAGE', `batch ${i} is ${batch.length} bytes, shorter than a v2 header`);
    const h = readBatchHeader(batch);
    if (h.size !== batch.length) throw new KafkaProtocolError('CORRUPT_MESSAGE', `batch ${i} says ${h.size} bytes but holds ${batch.length}`);
    if (h.magic !== MAGIC_V2) throw new KafkaProtocolError('CORRUPT_MESSAGE', `batch ${i} has magic ${h.magic}; the log stores v2 batches only`);
    if (h.size > config['max.message.bytes']) {
      throw new KafkaProtocolError('MESSAGE_TOO_LARGE', `batch ${i} is ${h.size} bytes, over max.message.bytes ${config['max.message.bytes']}`);
    }
    if (h.size > config['segment.bytes']) {
      throw new KafkaProtocolError('RECORD_LIST_TOO_LARGE', `batch ${i} is ${h.size} bytes, over segment.bytes ${config['segment.bytes']}`);
    }
    if (h.recordsCount < 1 || h.lastOffsetDelta !== h.recordsCount - 1) {
      throw new KafkaProtocolError('INVALID_RECORD', `batch ${i} has ${h.recordsCount} records but lastOffsetDelta ${h.lastOffsetDelta}`);
    }
    if (isControl(h)) throw new KafkaProtocolError('INVALID_RECORD', `batch ${i} is a control batch, which producers may not send`);
    return h;
  });
}

/** The offsets each batch gets when appended at `logEndOffset`, with its producer fields. */
export function planOffsets(headers: readonly BatchHeader[], logEndOffset: number): ProducerBatch[] {
  let next = logEndOffset;
  return headers.map((h) => {
    const baseOffset = next;
    next += h.lastOffsetDelta + 1;
    return { producerId: h.producerId, epoch: h.producerEpoch, firstSeq: h.baseSequence, lastSeq: lastSequenceOf(h), baseOffset, lastOffset: next - 1 };
  });
}
