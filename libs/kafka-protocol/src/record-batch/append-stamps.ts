import { writeBatchCrc } from './batch-crc';
import { ATTRIBUTE_MASK, BATCH_FIELD_OFFSET } from './batch-header';

/**
 * What the broker writes into a batch when it appends it to a log, in place. The batch must
 * be one whole batch (a BatchView's bytes); the buffer it views is modified.
 */

/** Assigns the batch's offsets. baseOffset is outside the CRC, so no checksum work. */
export function setBaseOffset(batch: Buffer, offset: number): void {
  writeInt64(batch, BATCH_FIELD_OFFSET.baseOffset, offset);
}

/** Stamps the leader epoch (also outside the CRC). */
export function setPartitionLeaderEpoch(batch: Buffer, epoch: number): void {
  batch.writeInt32BE(epoch, BATCH_FIELD_OFFSET.partitionLeaderEpoch);
}

/**
 * For topics with message.timestamp.type=LogAppendTime: like Kafka's
 * `DefaultRecordBatch.setMaxTimestamp`, only the timestamp-type bit and maxTimestamp change
 * (readers then take maxTimestamp as every record's timestamp); records keep their deltas.
 * Both are under the CRC, so it is recomputed.
 */
export function setLogAppendTime(batch: Buffer, timestamp: number): void {
  const attributes = batch.readInt16BE(BATCH_FIELD_OFFSET.attributes);
  batch.writeInt16BE(attributes | ATTRIBUTE_MASK.timestampType, BATCH_FIELD_OFFSET.attributes);
  writeInt64(batch, BATCH_FIELD_OFFSET.maxTimestamp, timestamp);
  writeBatchCrc(batch);
}

function writeInt64(buf: Buffer, pos: number, v: number): void {
  const hi = Math.floor(v / 0x100000000);
  buf.writeInt32BE(hi, pos);
  buf.writeUInt32BE(v - hi * 0x100000000, pos + 4);
}
