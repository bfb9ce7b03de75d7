import type { Encoder } from '../../../encoder';
import type { OffsetCommitResponse } from '../types';

/**
 * OffsetCommit Response (Version: 0) => [topics]
 *   topics => name [partitions]
 *     name => STRING
 *     partitions => partition_index error_code
 *       partition_index => INT32
 *       error_code => INT16
 * Versions 1 and 2 have the same layout.
 */
export function encode(e: Encoder, res: OffsetCommitResponse): void {
  e.array(res.topics, (e, t) => e.string(t.name).array(t.partitions, (e, p) => e.int32(p.partitionIndex).int16(p.errorCode)));
}
