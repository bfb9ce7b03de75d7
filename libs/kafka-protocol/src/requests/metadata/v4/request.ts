import type { Decoder } from '../../../decoder';
import type { MetadataRequest } from '../types';
import { decode as decodeV1 } from '../v1/request';

/**
 * Metadata Request (Version: 4) => [topics] allow_auto_topic_creation
 *   topics => name
 *     name => STRING
 *   allow_auto_topic_creation => BOOLEAN
 *
 * v1 plus allow_auto_topic_creation (KIP-204). v5 and v6 have the same layout.
 */
export function decode(d: Decoder): MetadataRequest {
  const request = decodeV1(d);
  return { ...request, allowAutoTopicCreation: d.boolean() };
}
