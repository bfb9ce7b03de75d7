import type { Decoder } from '../../../decoder';
import type { DescribeConfigsRequest, DescribeConfigsResource } from '../types';

/**
 * DescribeConfigs Request (Version: 0) => [resources]
 *   resources => resource_type resource_name [configuration_keys]
 *     resource_type => INT8
 *     resource_name => STRING
 *     configuration_keys => STRING
 * `configuration_keys` is nullable: null means every config.
 */
export function decode(d: Decoder): DescribeConfigsRequest {
  return { resources: d.array(resource), includeSynonyms: false };
}

function resource(d: Decoder): DescribeConfigsResource {
  return { resourceType: d.int8(), resourceName: d.string(), configurationKeys: d.nullableArray((d) => d.string()) };
}
