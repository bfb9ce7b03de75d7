import { crc32c } from '@node-rs/crc32';
import { BATCH_FIELD_OFFSET } from './batch-header';

/**
 * CRC-32C (Castagnoli) over attributes..end of batch. It leaves out baseOffset,
 * batchLength and partitionLeaderEpoch, so a broker can assign offsets and stamp the leader
 * epoch without recomputing it (KIP-98).
 */
export function computeBatchCrc(batch: Buffer): number {
  return crc32c(batch.subarray(BATCH_FIELD_OFFSET.attributes)) >>> 0;
}

/** Recomputes the CRC and writes it into the header, after any change to covered bytes. */
export function writeBatchCrc(batch: Buffer): void {
  batch.writeUInt32BE(computeBatchCrc(batch), BATCH_FIELD_OFFSET.crc);
}
