import type { Decoder } from '../../../decoder';
import type { AlterableConfig, AlterConfigsRequest, AlterConfigsResource } from '../types';

/**
 * AlterConfigs Request (Version: 0) => [resources] validate_only
 *   resources => resource_type resource_name [configs]
 *     resource_type => INT8
 *     resource_name => STRING
 *     configs => name value
 *       name => STRING
 *       value => NULLABLE_STRING
 *   validate_only => BOOLEAN
 * Version 1 has the same layout.
 */
export function decode(d: Decoder): AlterConfigsRequest {
  const resources = d.array(resource);
  return { resources, validateOnly: d.boolean() };
}

function resource(d: Decoder): AlterConfigsResource {
  return { resourceType: d.int8(), resourceName: d.string(), configs: d.array(config) };
}

function config(d: Decoder): AlterableConfig {
  return { name: d.string(), value: d.nullableString() };
}
