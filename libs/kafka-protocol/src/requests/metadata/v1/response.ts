import type { Encoder } from '../../../encoder';
import type { MetadataBroker, MetadataResponse, MetadataTopic } from '../types';
import { encodeBroker as encodeBrokerV0, encodePartition, encodeTopicHead as encodeTopicHeadV0, topicWriter, type Writer } from '../v0/response';

/**
 * Metadata Response (Version: 1) => [brokers] controller_id [topics]
 *   brokers => node_id host port rack
 *     node_id => INT32
 *     host => STRING
 *     port => INT32
 *     rack => NULLABLE_STRING
 *   controller_id => INT32
 *   topics => error_code name is_internal [partitions]
 *     error_code => INT16
 *     name => STRING
 *     is_internal => BOOLEAN
 *     partitions => error_code partition_index leader_id [replica_nodes] [isr_nodes]
 *       (as in v0)
 *
 * v0 plus rack, controller_id and is_internal (KIP-4).
 */
export const encodeBroker: Writer<MetadataBroker> = (e, b) => {
  encodeBrokerV0(e, b);
  e.nullableString(b.rack ?? null);
};

export const encodeTopicHead: Writer<MetadataTopic> = (e, t) => {
  encodeTopicHeadV0(e, t);
  e.boolean(t.isInternal ?? false);
};

export const encodeTopic = topicWriter(encodeTopicHead, encodePartition);

export function encode(e: Encoder, res: MetadataResponse): void {
  e.array(res.brokers, encodeBroker);
  e.int32(res.controllerId ?? -1);
  e.array(res.topics, encodeTopic);
}
