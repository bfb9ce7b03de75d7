import type { Encoder } from '../../../encoder';
import type { ProducePartitionResponse, ProduceResponse } from '../types';

/**
 * Produce Response (Version: 3) => [responses] throttle_time_ms
 *   responses => name [partition_responses]
 *     name => STRING
 *     partition_responses => index error_code base_offset log_append_time_ms
 *       index => INT32
 *       error_code => INT16
 *       base_offset => INT64
 *       log_append_time_ms => INT64
 *   throttle_time_ms => INT32
 */
export type PartitionWriter = (e: Encoder, p: ProducePartitionResponse) => void;

export const encodePartition: PartitionWriter = (e, p) => {
  e.int32(p.partitionIndex).int16(p.errorCode).int64(p.baseOffset).int64(p.logAppendTimeMs ?? -1);
};

/** The v3 layout with a version's own partition entry. */
export function encodeWith(e: Encoder, res: ProduceResponse, writePartition: PartitionWriter): void {
  e.array(res.topics, (e, t) => {
    e.string(t.name);
    e.array(t.partitions, writePartition);
  });
  e.int32(res.throttleTimeMs ?? 0);
}

export function encode(e: Encoder, res: ProduceResponse): void {
  encodeWith(e, res, encodePartition);
}
