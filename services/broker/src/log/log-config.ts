/**
 * The topic configs the log acts on, typed, under Kafka's names and with Kafka's defaults
 * (https://kafka.apache.org/documentation/#topicconfigs). The shape is a subset of
 * libs/kafka-protocol's TopicConfig, so `resolveTopicConfig(overrides)` from there can feed
 * the log directly; `parseLogConfig` below is a fallback that reads only these names, for
 * callers (and tests) that have not validated the overrides already.
 */
import { KafkaProtocolError } from '@tributary/kafka-protocol';

export type CleanupPolicy = 'delete' | 'compact';

export interface LogConfig {
  /** "delete", "compact" or both ("compact,delete"). */
  readonly 'cleanup.policy': readonly CleanupPolicy[];
  /** Age (of a segment's newest timestamp) after which it is deleted; -1 keeps forever. */
  readonly 'retention.ms': number;
  /** Size a partition may reach before its oldest segments are deleted; -1 means no limit. */
  readonly 'retention.bytes': number;
  readonly 'segment.bytes': number;
  readonly 'segment.ms': number;
  readonly 'min.compaction.lag.ms': number;
  readonly 'delete.retention.ms': number;
  readonly 'max.message.bytes': number;
  readonly 'message.timestamp.type': 'CreateTime' | 'LogAppendTime';
  readonly 'index.interval.bytes': number;
}

export const DEFAULT_LOG_CONFIG: LogConfig = {
  'cleanup.policy': ['delete'],
  'retention.ms': 604_800_000,
  'retention.bytes': -1,
  'segment.bytes': 1_073_741_824,
  'segment.ms': 604_800_000,
  'min.compaction.lag.ms': 0,
  'delete.retention.ms': 86_400_000,
  'max.message.bytes': 1_048_588,
  'message.timestamp.type': 'CreateTime',
  'index.interval.bytes': 4096,
};

/** Topic-level string overrides over the defaults. Names the log does not act on are ignored. */
export function parseLogConfig(overrides: Readonly<Record<string, string>>): LogConfig {
  const config: Record<string, unknown> = { ...DEFAULT_LOG_CONFIG };
  for (const [name, raw] of Object.entries(overrides)) {
    if (!(name in DEFAULT_LOG_CONFIG)) continue;
    const value = raw.trim();
    if (name === 'cleanup.policy') {
      const policies = value.split(/\s*,\s*/);
      if (!policies.every((p) => p === 'delete' || p === 'compact')) throw invalid(name, raw);
      config[name] = [...new Set(policies)];
    } else if (name === 'message.timestamp.type') {
      if (value !== 'CreateTime' && value !== 'LogAppendTime') throw invalid(name, raw);
      config[name] = value;
    } else {
      if (!/^-?\d+$/.test(value)) throw invalid(name, raw);
      const n = Number(value);
      const min = name === 'retention.ms' || name === 'retention.bytes' ? -1 : name === 'segment.bytes' ? 14 : name === 'segment.ms' ? 1 : 0;
      if (n < min) throw invalid(name, raw);
      config[name] = n;
    }
  }
  return config as unknown as LogConfig;
}

function invalid(name: string, value: string): KafkaProtocolError {
  return new KafkaProtocolError('INVALID_CONFIG', `Invalid value ${value} for configuration ${name}`);
}
