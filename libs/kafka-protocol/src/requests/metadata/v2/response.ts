import type { Encoder } from '../../../encoder';
import type { MetadataResponse, MetadataTopic } from '../types';
import type { Writer } from '../v0/response';
import { encodeBroker, encodeTopic as encodeTopicV1 } from '../v1/response';

/**
 * Metadata Response (Version: 2) => [brokers] cluster_id controller_id [topics]
 *   brokers => node_id host port rack
 *     (as in v1)
 *   cluster_id => NULLABLE_STRING
 *   controller_id => INT32
 *   topics => error_code name is_internal [partitions]
 *     (as in v1)
 *
 * v1 plus cluster_id (KIP-78).
 */
export function encodeWith(e: Encoder, res: MetadataResponse, writeTopic: Writer<MetadataTopic>): void {
  e.array(res.brokers, encodeBroker);
  e.nullableString(res.clusterId ?? null);
  e.int32(res.controllerId ?? -1);
  e.array(res.topics, writeTopic);
}

export function encode(e: Encoder, res: MetadataResponse): void {
  encodeWith(e, res, encodeTopicV1);
}
