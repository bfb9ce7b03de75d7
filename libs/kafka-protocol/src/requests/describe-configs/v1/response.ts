import { encodeWithConfigs } from '../v0/response';

/**
 * DescribeConfigs Response (Version: 1) => throttle_time_ms [results]
 *   (throttle_time_ms and results as in v0, except each config entry:)
 *     configs => name value read_only config_source is_sensitive [synonyms]
 *       name => STRING
 *       value => NULLABLE_STRING
 *       read_only => BOOLEAN
 *       config_source => INT8
 *       is_sensitive => BOOLEAN
 *       synonyms => name value source
 *         name => STRING
 *         value => NULLABLE_STRING
 *         source => INT8
 * Version 2 has the same layout; it only tells clients the broker answers before throttling (KIP-219).
 */
export const encode = encodeWithConfigs((e, c) => {
  e.string(c.name).nullableString(c.value).boolean(c.readOnly).int8(c.source).boolean(c.isSensitive);
  e.array(c.synonyms ?? [], (e, s) => e.string(s.name).nullableString(s.value).int8(s.source));
});
