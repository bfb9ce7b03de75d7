import type { Encoder } from '../../../encoder';
import type { MetadataPartition, MetadataResponse } from '../types';
import { encodeInt32s, encodePartition as encodePartitionV0, topicWriter, type Writer } from '../v0/response';
import { encodeTopicHead } from '../v1/response';
import { encodeWith } from '../v3/response';

/**
 * Metadata Response (Version: 5) => throttle_time_ms [brokers] cluster_id controller_id [topics]
 *   throttle_time_ms => INT32
 *   brokers => node_id host port rack
 *     (as in v1)
 *   cluster_id => NULLABLE_STRING
 *   controller_id => INT32
 *   topics => error_code name is_internal [partitions]
 *     error_code => INT16
 *     name => STRING
 *     is_internal => BOOLEAN
 *     partitions => error_code partition_index leader_id [replica_nodes] [isr_nodes] [offline_replicas]
 *       error_code => INT16
 *       partition_index => INT32
 *       leader_id => INT32
 *       replica_nodes => INT32
 *       isr_nodes => INT32
 *       offline_replicas => INT32
 *
 * v4 plus offline_replicas (KIP-112). v6 has the same layout (KIP-219 throttling).
 */
const encodePartition: Writer<MetadataPartition> = (e, p) => {
  encodePartitionV0(e, p);
  encodeInt32s(e, p.offlineReplicas ?? []);
};

const encodeTopic = topicWriter(encodeTopicHead, encodePartition);

export function encode(e: Encoder, res: MetadataResponse): void {
  encodeWith(e, res, encodeTopic);
}
