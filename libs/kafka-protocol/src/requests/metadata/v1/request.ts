import type { Decoder } from '../../../decoder';
import type { MetadataRequest } from '../types';

/**
 * Metadata Request (Version: 1) => [topics]
 *   topics => name
 *     name => STRING
 *
 * v0's layout, but the array is nullable: null asks for all topics and an empty array for
 * none (brokers only). v2 and v3 have the same layout.
 */
export function decode(d: Decoder): MetadataRequest {
  return { topics: d.nullableArray((d) => d.string()) };
}
