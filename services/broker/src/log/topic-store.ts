/**
 * All topics of the broker over one data directory:
 *
 *   <dataDir>/topics/<topic>/topic.json     name, topic id, partition count, config overrides
 *   <dataDir>/topics/<topic>/<partition>/   one PartitionLog each
 *   <dataDir>/deleting/                     topics being removed ('/' cannot be in a topic name)
 *
 * topic.json is replaced atomically and written last when a topic is created or grows, so a
 * crash mid-way leaves either the old topic or the new one: on open, a topic folder without
 * topic.json (an interrupted create) and partition folders beyond the count (an interrupted
 * CreatePartitions) are removed. Config overrides are kept as the strings they were set with,
 * which is what DescribeConfigs shows; `resolveConfig` turns them into the typed LogConfig
 * (pass libs/kafka-protocol's resolveTopicConfig to validate every name, not only the log's).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { KafkaProtocolError } from '@tributary/kafka-protocol';
import { fsyncDirectory, writeFileAtomic } from './durable-write';
import { type LogConfig, parseLogConfig } from './log-config';
import { type MaintenanceResult, PartitionLog, type PartitionLogOptions } from './partition-log';

export interface TopicDescription {
  readonly name: string;
  /** A UUID, for Metadata v10+ and Fetch v13+ which name topics by id. */
  readonly topicId: string;
  readonly partitions: number;
  readonly configs: Readonly<Record<string, string>>;
}

export interface TopicStoreOptions extends PartitionLogOptions {
  readonly resolveConfig?: (overrides: Readonly<Record<string, string>>) => LogConfig;
}

interface Topic {
  description: TopicDescription;
  readonly logs: PartitionLog[];
}

const MAX_TOPIC_NAME = 249;

/** Kafka's Topic.validate: the errors name the rule broken, in Kafka's words. */
export function validateTopicName(name: string): void {
  const problem = name.length === 0 ? 'Topic name is illegal, it can\'t be empty'
    : name === '.' || name === '..' ? 'Topic name cannot be "." or ".."'
    : name.length > MAX_TOPIC_NAME ? `Topic name is illegal, it can't be longer than ${MAX_TOPIC_NAME} characters, topic name: ${name}`
    : !/^[a-zA-Z0-9._-]+$/.test(name) ? `Topic name "${name}" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'`
    : null;
  if (problem) throw new KafkaProtocolError('INVALID_TOPIC_EXCEPTION', problem);
}

export class TopicStore {
  private readonly byName = new Map<string, Topic>();
  private readonly resolveConfig: (overrides: Readonly<Record<string, string>>) => LogConfig;

  private constructor(readonly dataDir: string, private readonly options: TopicStoreOptions) {
    this.resolveConfig = options.resolveConfig ?? parseLogConfig;
  }

  static open(dataDir: string, options: TopicStoreOptions = {}): TopicStore {
    const store = new TopicStore(dataDir, options);
    rmSync(store.trashDir, { recursive: true, force: true });
    mkdirSync(store.trashDir, { recursive: true });
    mkdirSync(store.topicsDir, { recursive: true });
    for (const name of readdirSync(store.topicsDir)) {
      const dir = join(store.topicsDir, name);
      if (!existsSync(join(dir, 'topic.json'))) {
        rmSync(dir, { recursive: true, force: true });
        continue;
      }
      const description = JSON.parse(readFileSync(join(dir, 'topic.json'), 'utf8')) as TopicDescription;
      for (const entry of readdirSync(dir)) {
        if (/^\d+$/.test(entry) && Number(entry) >= description.partitions) rmSync(join(dir, entry), { recursive: true, force: true });
      }
      const config = store.resolveConfig(description.configs);
      const logs = Array.from({ length: description.partitions }, (_, p) => PartitionLog.open(join(dir, String(p)), config, options));
      store.byName.set(description.name, { description, logs });
    }
    return store;
  }

  createTopic(name: string, partitions: number, configOverrides: Readonly<Record<string, string>> = {}): TopicDescription {
    validateTopicName(name);
    if (this.byName.has(name)) throw new KafkaProtocolError('TOPIC_ALREADY_EXISTS', `Topic '${name}' already exists.`);
    if (!Number.isInteger(partitions) || partitions < 1) throw new KafkaProtocolError('INVALID_PARTITIONS', 'Number of partitions must be larger than 0.');
    const config = this.resolveConfig(configOverrides);
    const dir = join(this.topicsDir, name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    const logs = Array.from({ length: partitions }, (_, p) => PartitionLog.open(join(dir, String(p)), config, this.options));
    const description: TopicDescription = { name, topicId: randomUUID(), partitions, configs: { ...configOverrides } };
    writeFileAtomic(join(dir, 'topic.json'), JSON.stringify(description));
    fsyncDirectory(this.topicsDir);
    this.byName.set(name, { description, logs });
    return description;
  }

  /** Removes the topic at once: partition() fails from the call on, files go when the logs have closed. */
  async deleteTopic(name: string): Promise<void> {
    const topic = this.topic(name);
    this.byName.delete(name);
    await Promise.all(topic.logs.map((log) => log.close()));
    const trash = join(this.trashDir, `${name}-${Date.now()}`);
    renameSync(join(this.topicsDir, name), trash);
    fsyncDirectory(this.topicsDir);
    rmSync(trash, { recursive: true, force: true });
  }

  createPartitions(name: string, newTotal: number): void {
    const topic = this.topic(name);
    const current = topic.description.partitions;
    if (!Number.isInteger(newTotal) || newTotal <= current) {
      throw new KafkaProtocolError('INVALID_PARTITIONS', `Topic currently has ${current} partitions, ${newTotal} would not be an increase.`);
    }
    const dir = join(this.topicsDir, name);
    const config = topic.logs[0].config;
    for (let p = current; p < newTotal; p++) topic.logs.push(PartitionLog.open(join(dir, String(p)), config, this.options));
    this.save(topic, { ...topic.description, partitions: newTotal });
  }

  /** Replaces the topic's overrides (AlterConfigs semantics; IncrementalAlterConfigs merges before calling). */
  alterTopicConfig(name: string, overrides: Readonly<Record<string, string>>): void {
    const topic = this.topic(name);
    const config = this.resolveConfig(overrides);
    this.save(topic, { ...topic.description, configs: { ...overrides } });
    for (const log of topic.logs) log.setConfig(config);
  }

  partition(name: string, index: number): PartitionLog {
    const log = this.byName.get(name)?.logs[index];
    if (!log) throw new KafkaProtocolError('UNKNOWN_TOPIC_OR_PARTITION', `${name}-${index}`);
    return log;
  }

  describeTopic(name: string): TopicDescription | undefined {
    return this.byName.get(name)?.description;
  }

  topics(): TopicDescription[] {
    return [...this.byName.values()].map((t) => t.description);
  }

  /** Retention and compaction of every partition (the broker calls this on a timer). */
  maintain(now = Date.now()): MaintenanceResult {
    let deletedSegments = 0;
    let compactedSegments = 0;
    for (const topic of this.byName.values()) {
      for (const log of topic.logs) {
        const result = log.maintain(now);
        deletedSegments += result.deletedSegments;
        compactedSegments += result.compactedSegments;
      }
    }
    return { deletedSegments, compactedSegments };
  }

  async close(): Promise<void> {
    await Promise.all([...this.byName.values()].flatMap((t) => t.logs.map((log) => log.close())));
    this.byName.clear();
  }

  private get topicsDir(): string {
    return join(this.dataDir, 'topics');
  }

  private get trashDir(): string {
    return join(this.dataDir, 'deleting');
  }

  private topic(name: string): Topic {
    const topic = this.byName.get(name);
    if (!topic) throw new KafkaProtocolError('UNKNOWN_TOPIC_OR_PARTITION', `Topic '${name}' does not exist.`);
    return topic;
  }

  private save(topic: Topic, description: TopicDescription): void {
    writeFileAtomic(join(this.topicsDir, description.name, 'topic.json'), JSON.stringify(description));
    topic.description = description;
  }
}
