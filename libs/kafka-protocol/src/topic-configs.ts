/**
 * The topic configs our broker supports, as one table (names, types, defaults and ranges follow
 * https://kafka.apache.org/documentation/#topicconfigs). CreateTopics and AlterConfigs validate
 * against it, the log reads the resolved values, and DescribeConfigs answers from it.
 * Parsing follows Kafka's ConfigDef: values are trimmed, booleans ignore case, lists split on
 * commas; unknown names and null values are rejected, as Kafka does, with INVALID_CONFIG.
 */
import { KafkaProtocolError } from './errors';
import { CONFIG_SOURCE, type ConfigSource } from './requests/describe-configs/types';

interface TopicConfigDefinition {
  readonly name: string;
  readonly type: 'long' | 'int' | 'boolean' | 'enum' | 'list';
  /** As written on the wire and shown by DescribeConfigs; parsed like any override. */
  readonly default: string;
  /** enum: one of these; list: a non-empty comma-separated subset of these. */
  readonly validValues?: readonly string[];
  /** long and int: the smallest value accepted. */
  readonly min?: number;
  readonly doc: string;
}

export const TOPIC_CONFIGS = [
  { name: 'cleanup.policy', type: 'list', default: 'delete', validValues: ['delete', 'compact'],
    doc: 'delete drops old segments by retention.ms and retention.bytes; compact keeps the latest record per key; "compact,delete" does both.' },
  { name: 'compression.type', type: 'enum', default: 'producer', validValues: ['producer', 'uncompressed', 'gzip', 'snappy', 'lz4', 'zstd'],
    doc: 'producer keeps batches as the producer compressed them. Other values are accepted for compatibility, but batches are still stored and served untouched, never recompressed.' },
  { name: 'delete.retention.ms', type: 'long', default: '86400000', min: 0,
    doc: 'How long a tombstone (null value) stays readable in a compacted topic after compaction reaches it.' },
  { name: 'file.delete.delay.ms', type: 'long', default: '60000', min: 0,
    doc: 'How long a deleted segment waits before its files are removed, so readers holding it can finish.' },
  { name: 'index.interval.bytes', type: 'int', default: '4096', min: 0,
    doc: 'Bytes of batches between two entries of the offset index: smaller means faster seeks and a larger index.' },
  { name: 'max.message.bytes', type: 'int', default: '1048588', min: 0,
    doc: 'Largest record batch (after compression) the topic accepts; larger ones get MESSAGE_TOO_LARGE.' },
  { name: 'message.timestamp.type', type: 'enum', default: 'CreateTime', validValues: ['CreateTime', 'LogAppendTime'],
    doc: 'CreateTime keeps the producer\'s timestamps; LogAppendTime stamps each batch with the broker\'s clock on append.' },
  { name: 'min.compaction.lag.ms', type: 'long', default: '0', min: 0,
    doc: 'Minimum age of a record before compaction may remove it.' },
  { name: 'min.insync.replicas', type: 'int', default: '1', min: 1,
    doc: 'Accepted for compatibility. This broker is a single node, the only replica of every partition, so acks=all waits for it alone.' },
  { name: 'retention.bytes', type: 'long', default: '-1',
    doc: 'Largest size a partition may reach before its oldest segments are deleted (cleanup.policy delete); -1 means no limit.' },
  { name: 'retention.ms', type: 'long', default: '604800000', min: -1,
    doc: 'How long records are kept before their segment is deleted (cleanup.policy delete); -1 means forever.' },
  { name: 'segment.bytes', type: 'int', default: '1073741824', min: 14,
    doc: 'Size at which a partition\'s active segment is closed and a new one started; retention deletes whole segments.' },
  { name: 'segment.ms', type: 'long', default: '604800000', min: 1,
    doc: 'Age at which the active segment is rolled even if not full, so retention and compaction can reach it.' },
  { name: 'unclean.leader.election.enable', type: 'boolean', default: 'false',
    doc: 'Accepted for compatibility. A single node has no other replica to elect, so the value changes nothing.' },
] as const satisfies readonly TopicConfigDefinition[];

type Definition = (typeof TOPIC_CONFIGS)[number];
export type TopicConfigName = Definition['name'];

type ValueOf<D> = D extends { type: 'long' | 'int' } ? number
  : D extends { type: 'boolean' } ? boolean
  : D extends { type: 'list'; validValues: readonly (infer V)[] } ? readonly V[]
  : D extends { type: 'enum'; validValues: readonly (infer V)[] } ? V
  : never;

/** Every supported config, typed, with defaults filled in. */
export type TopicConfig = { readonly [D in Definition as D['name']]: ValueOf<D> };
export type TopicConfigValue = TopicConfig[TopicConfigName];

export type TopicConfigValidation =
  | { readonly ok: true; readonly name: TopicConfigName; readonly value: TopicConfigValue }
  | { readonly ok: false; readonly error: string };

/** One entry of DescribeConfigs' answer for a topic (a DescribeConfigsResourceConfig). */
export interface TopicConfigDescription {
  readonly name: TopicConfigName;
  readonly value: string;
  readonly isDefault: boolean;
  readonly source: ConfigSource;
  readonly readOnly: false;
  readonly isSensitive: false;
}

const byName = new Map<string, TopicConfigDefinition>(TOPIC_CONFIGS.map((d) => [d.name, d]));

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const INT64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Parses one override; the error names the config and what is wrong, in Kafka's wording. */
export function validateTopicConfig(name: string, value: string | null): TopicConfigValidation {
  const def = byName.get(name);
  if (!def) return { ok: false, error: `Unknown topic config name: ${name}` };
  if (value === null) return { ok: false, error: `Null value not supported for topic config: ${name}` };
  const parsed = parse(def, value.trim());
  if ('problem' in parsed) return { ok: false, error: `Invalid value ${value} for configuration ${name}: ${parsed.problem}` };
  return { ok: true, name: def.name as TopicConfigName, value: parsed.value };
}

type Parsed = { readonly value: TopicConfigValue } | { readonly problem: string };

function parse(def: TopicConfigDefinition, text: string): Parsed {
  switch (def.type) {
    case 'long':
    case 'int': {
      if (!/^[+-]?\d+$/.test(text)) return { problem: `Not a number of type ${def.type.toUpperCase()}` };
      const big = BigInt(text);
      const range = def.type === 'int' ? { min: BigInt(INT32.min), max: BigInt(INT32.max) } : INT64;
      if (big < range.min || big > range.max) return { problem: `Not a number of type ${def.type.toUpperCase()}` };
      // Beyond 2^53 a JS number loses precision; such values (e.g. Long.MAX_VALUE for "forever")
      // mean the same as the nearest safe integer, which is still ~285,000 years of milliseconds.
      const n = Number(big > SAFE ? SAFE : big < -SAFE ? -SAFE : big);
      if (def.min !== undefined && n < def.min) return { problem: `Value must be at least ${def.min}` };
      return { value: n };
    }
    case 'boolean': {
      const lower = text.toLowerCase();
      if (lower !== 'true' && lower !== 'false') return { problem: 'Expected value to be either true or false' };
      return { value: lower === 'true' };
    }
    case 'enum':
      return def.validValues?.includes(text) ? { value: text as TopicConfigValue } : { problem: `String must be one of: ${def.validValues?.join(', ')}` };
    case 'list': {
      const items = text === '' ? [] : text.split(/\s*,\s*/);
      if (items.length === 0) return { problem: `List must name at least one of: ${def.validValues?.join(', ')}` };
      const unknown = items.find((item) => !def.validValues?.includes(item));
      if (unknown !== undefined) return { problem: `Invalid value ${unknown}; list items must be in: ${def.validValues?.join(', ')}` };
      return { value: [...new Set(items)] as TopicConfigValue };
    }
  }
}

/** Parsed once at load, which also proves every default in the table valid. */
const defaults: Readonly<Record<string, TopicConfigValue>> = Object.fromEntries(TOPIC_CONFIGS.map((def) => {
  const parsed = parse(def, def.default);
  if ('problem' in parsed) throw new Error(`topic config table: default of ${def.name} is invalid: ${parsed.problem}`);
  return [def.name, parsed.value];
}));

/** The typed config of a topic with these overrides; invalid or unknown overrides throw INVALID_CONFIG naming each. */
export function resolveTopicConfig(overrides: Readonly<Record<string, string>>): TopicConfig {
  const resolved: Record<string, TopicConfigValue> = { ...defaults };
  const errors: string[] = [];
  for (const [name, value] of Object.entries(overrides)) {
    const result = validateTopicConfig(name, value);
    if (result.ok) resolved[result.name] = result.value;
    else errors.push(result.error);
  }
  if (errors.length > 0) throw new KafkaProtocolError('INVALID_CONFIG', errors.join('; '));
  return resolved as TopicConfig;
}

/**
 * DescribeConfigs' entries for a topic, in table order: an override shows as TOPIC_CONFIG with
 * the value as it was set, anything else as DEFAULT_CONFIG. `names` (the request's
 * configuration_keys) narrows the list; null means every config, and unknown names are left out.
 */
export function describeTopicConfig(
  overrides: Readonly<Record<string, string>>,
  names: readonly string[] | null = null,
): TopicConfigDescription[] {
  const wanted = names === null ? null : new Set(names);
  return TOPIC_CONFIGS.filter((def) => wanted === null || wanted.has(def.name)).map((def) => {
    const isDefault = !Object.prototype.hasOwnProperty.call(overrides, def.name);
    return {
      name: def.name,
      value: isDefault ? def.default : overrides[def.name],
      isDefault,
      source: isDefault ? CONFIG_SOURCE.DEFAULT_CONFIG : CONFIG_SOURCE.TOPIC_CONFIG,
      readOnly: false,
      isSensitive: false,
    };
  });
}
