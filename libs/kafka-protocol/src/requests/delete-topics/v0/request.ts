import type { Decoder } from '../../../decoder';
import type { DeleteTopicsRequest } from '../types';

/**
 * DeleteTopics Request (Version: 0) => [topic_names] timeout_ms
 *   topic_names => STRING
 *   timeout_ms => INT32
 * Version 1 has the same layout.
 */
export function decode(d: Decoder): DeleteTopicsRequest {
  const topicNames = d.array((d) => d.string());
  return { topicNames, timeoutMs: d.int32() };
}
