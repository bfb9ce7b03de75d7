import type { Decoder } from '../../../decoder';
import type { MetadataRequest } from '../types';

/**
 * Metadata Request (Version: 0) => [topics]
 *   topics => name
 *     name => STRING
 *
 * An empty array asks for all topics; the normalized request says so with null, as v1+ do.
 */
export function decode(d: Decoder): MetadataRequest {
  const topics = d.array((d) => d.string());
  return { topics: topics.length === 0 ? null : topics };
}
