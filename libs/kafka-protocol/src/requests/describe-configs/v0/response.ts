import type { Encoder } from '../../../encoder';
import type { DescribeConfigsResourceConfig, DescribeConfigsResponse } from '../types';

type ConfigWriter = (e: Encoder, c: DescribeConfigsResourceConfig) => void;

/**
 * DescribeConfigs Response (Version: 0) => throttle_time_ms [results]
 *   throttle_time_ms => INT32
 *   results => error_code error_message resource_type resource_name [configs]
 *     error_code => INT16
 *     error_message => NULLABLE_STRING
 *     resource_type => INT8
 *     resource_name => STRING
 *     configs => name value read_only is_default is_sensitive
 *       name => STRING
 *       value => NULLABLE_STRING
 *       read_only => BOOLEAN
 *       is_default => BOOLEAN
 *       is_sensitive => BOOLEAN
 */
export const encode = encodeWithConfigs((e, c) =>
  e.string(c.name).nullableString(c.value).boolean(c.readOnly).boolean(c.isDefault).boolean(c.isSensitive));

/** Later versions change only the config entry, so they reuse this frame with their own entry writer. */
export function encodeWithConfigs(writeConfig: ConfigWriter): (e: Encoder, res: DescribeConfigsResponse) => void {
  return (e, res) => {
    e.int32(res.throttleTimeMs ?? 0);
    e.array(res.results, (e, r) => {
      e.int16(r.errorCode).nullableString(r.errorMessage).int8(r.resourceType).string(r.resourceName);
      e.array(r.configs, writeConfig);
    });
  };
}
