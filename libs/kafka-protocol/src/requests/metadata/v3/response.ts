import type { Encoder } from '../../../encoder';
import type { MetadataResponse, MetadataTopic } from '../types';
import type { Writer } from '../v0/response';
import { encodeTopic as encodeTopicV1 } from '../v1/response';
import { encodeWith as encodeWithV2 } from '../v2/response';

/**
 * Metadata Response (Version: 3) => throttle_time_ms [brokers] cluster_id controller_id [topics]
 *   throttle_time_ms => INT32
 *   brokers => node_id host port rack
 *     (as in v1)
 *   cluster_id => NULLABLE_STRING
 *   controller_id => INT32
 *   topics => error_code name is_internal [partitions]
 *     (as in v1)
 *
 * v2 preceded by throttle_time_ms. v4 has the same layout.
 */
export function encodeWith(e: Encoder, res: MetadataResponse, writeTopic: Writer<MetadataTopic>): void {
  e.int32(res.throttleTimeMs ?? 0);
  encodeWithV2(e, res, writeTopic);
}

export function encode(e: Encoder, res: MetadataResponse): void {
  encodeWith(e, res, encodeTopicV1);
}
