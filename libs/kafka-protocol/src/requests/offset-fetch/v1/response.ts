import type { Encoder } from '../../../encoder';
import type { OffsetFetchResponse, OffsetFetchResponsePartition } from '../types';

/**
 * OffsetFetch Response (Version: 1) => [topics]
 *   topics => name [partitions]
 *     name => STRING
 *     partitions => partition_index committed_offset metadata error_code
 *       partition_index => INT32
 *       committed_offset => INT64
 *       metadata => NULLABLE_STRING
 *       error_code => INT16
 */
export function encode(e: Encoder, res: OffsetFetchResponse): void {
  e.array(res.topics, (e, t) => e.string(t.name).array(t.partitions, writePartition));
}

function writePartition(e: Encoder, p: OffsetFetchResponsePartition): void {
  e.int32(p.partitionIndex).int64(p.committedOffset).nullableString(p.metadata).int16(p.errorCode);
}
