import type { Encoder } from '../../../encoder';
import type { ListOffsetsPartitionResponse, ListOffsetsResponse } from '../types';

/**
 * ListOffsets Response (Version: 0) => [topics]
 *   topics => name [partitions]
 *     name => STRING
 *     partitions => partition_index error_code [old_style_offsets]
 *       partition_index => INT32
 *       error_code => INT16
 *       old_style_offsets => INT64
 */
export type PartitionWriter = (e: Encoder, p: ListOffsetsPartitionResponse) => void;

export function encodeTopics(e: Encoder, res: ListOffsetsResponse, writePartition: PartitionWriter): void {
  e.array(res.topics, (e, t) => {
    e.string(t.name);
    e.array(t.partitions, writePartition);
  });
}

const encodePartition: PartitionWriter = (e, p) => {
  const offsets = p.oldStyleOffsets ?? (p.offset !== undefined && p.offset >= 0 ? [p.offset] : []);
  e.int32(p.partitionIndex).int16(p.errorCode).array(offsets, (e, o) => e.int64(o));
};

export function encode(e: Encoder, res: ListOffsetsResponse): void {
  encodeTopics(e, res, encodePartition);
}
