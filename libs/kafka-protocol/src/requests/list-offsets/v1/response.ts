import type { Encoder } from '../../../encoder';
import type { ListOffsetsResponse } from '../types';
import { encodeTopics, type PartitionWriter } from '../v0/response';

/**
 * ListOffsets Response (Version: 1) => [topics]
 *   topics => name [partitions]
 *     name => STRING
 *     partitions => partition_index error_code timestamp offset
 *       partition_index => INT32
 *       error_code => INT16
 *       timestamp => INT64
 *       offset => INT64
 *
 * v0 with one timestamp and offset in place of the offsets array (KIP-79).
 */
export const encodePartition: PartitionWriter = (e, p) => {
  e.int32(p.partitionIndex).int16(p.errorCode).int64(p.timestamp ?? -1).int64(p.offset ?? -1);
};

export function encode(e: Encoder, res: ListOffsetsResponse): void {
  encodeTopics(e, res, encodePartition);
}
