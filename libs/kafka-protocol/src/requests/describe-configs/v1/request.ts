import type { Decoder } from '../../../decoder';
import type { DescribeConfigsRequest } from '../types';
import { decode as decodeV0 } from '../v0/request';

/**
 * DescribeConfigs Request (Version: 1) => [resources] include_synonyms
 *   (resources as in v0)
 *   include_synonyms => BOOLEAN
 * Version 2 has the same layout.
 */
export function decode(d: Decoder): DescribeConfigsRequest {
  const v0 = decodeV0(d);
  return { ...v0, includeSynonyms: d.boolean() };
}
