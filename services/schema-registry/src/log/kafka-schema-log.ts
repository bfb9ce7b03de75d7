import { randomUUID } from 'node:crypto';
import type { ConnectionOptions } from 'node:tls';
import { ConfigResourceTypes, Kafka, logLevel, Partitioners, type Admin, type Consumer, type LogEntry, type Producer, type SASLOptions } from 'kafkajs';
import { registryErrors } from '../registry-errors';
import type { SchemaLog, SchemaLogRecord } from './schema-log';

export interface KafkaSchemaLogOptions {
  readonly brokers: readonly string[];
  /** Default `_schemas`, as Confluent's kafkastore.topic. */
  readonly topic?: string;
  /** Replication of the topic when this creates it; default min(3, brokers in the cluster), as Confluent. */
  readonly replicationFactor?: number;
  readonly clientId?: string;
  readonly ssl?: ConnectionOptions | boolean;
  readonly sasl?: SASLOptions;
  readonly logger?: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

/**
 * The `_schemas` topic on any Kafka (ours or Apache Kafka), through kafkajs. It must have one
 * partition (one order for every instance) and cleanup.policy=compact (the newest record per
 * key is the registry); it is created so when missing, and refused when it is not.
 *
 * Reading uses a consumer in a group of its own, named uniquely per instance and never
 * committed: kafkajs has no group-less assign(), and a shared group would split the records
 * between instances. The group is deleted on close.
 */
export class KafkaSchemaLog implements SchemaLog {
  readonly topic: string;
  private readonly kafka: Kafka;
  private readonly admin: Admin;
  private readonly producer: Producer;
  private readonly consumer: Consumer;
  private readonly groupId: string;

  constructor(private readonly options: KafkaSchemaLogOptions) {
    this.topic = options.topic ?? '_schemas';
    const logger = options.logger;
    this.kafka = new Kafka({
      brokers: [...options.brokers],
      clientId: options.clientId ?? 'tributary-schema-registry',
      ssl: options.ssl,
      sasl: options.sasl,
      logLevel: logLevel.WARN,
      logCreator: () => ({ level, log }: LogEntry) => {
        const { message, ...rest } = log;
        if (level <= logLevel.ERROR) logger?.error({ kafka: rest }, message);
        else logger?.warn({ kafka: rest }, message);
      },
    });
    this.groupId = `${options.clientId ?? 'tributary-schema-registry'}-${randomUUID()}`;
    this.admin = this.kafka.admin();
    this.producer = this.kafka.producer({
      idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.consumer = this.kafka.consumer({ groupId: this.groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 1000 });
  }

  async start(onRecords: (records: readonly SchemaLogRecord[], nextOffset: number) => void): Promise<void> {
    await this.admin.connect();
    await this.ensureTopic();
    await this.producer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topic, fromBeginning: true });
    // A batch compaction emptied still moves the position past it; kafkajs reports it only through this event.
    this.consumer.on(this.consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      if (payload.lastOffset !== null && payload.lastOffset !== undefined) onRecords([], Number(payload.lastOffset) + 1);
    });
    // kafkajs restarts the reader after retriable errors; after any other, writes time out and
    // /health/ready fails until the instance is restarted, so say so loudly.
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      this.options.logger?.error({ err: payload.error.message, restarting: payload.restart }, `the ${this.topic} reader crashed`);
    });
    await this.consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const records = batch.messages.map((m) => ({ offset: Number(m.offset), key: m.key, value: m.value }));
        onRecords(records, Number(batch.lastOffset()) + 1);
      },
    });
  }

  async append(key: Buffer, value: Buffer | null): Promise<number> {
    try {
      const [sent] = await this.producer.send({ topic: this.topic, acks: -1, messages: [{ key, value }] });
      return Number(sent.baseOffset);
    } catch (error) {
      const type = (error as { type?: string }).type ?? (error as { cause?: { type?: string } }).cause?.type;
      if (type === 'MESSAGE_TOO_LARGE' || type === 'RECORD_LIST_TOO_LARGE') {
        throw registryErrors.schemaTooLarge('Register operation failed because schema is too large', error);
      }
      throw registryErrors.store(`Write to the ${this.topic} topic failed: ${(error as Error).message}`, error);
    }
  }

  async endOffset(): Promise<number> {
    const [partition] = await this.admin.fetchTopicOffsets(this.topic);
    return Number(partition.high);
  }

  async close(): Promise<void> {
    await this.consumer.disconnect().catch(() => undefined);
    await this.producer.disconnect().catch(() => undefined);
    await this.admin.deleteGroups([this.groupId]).catch(() => undefined);
    await this.admin.disconnect().catch(() => undefined);
  }

  private async ensureTopic(): Promise<void> {
    if (!(await this.admin.listTopics()).includes(this.topic)) {
      const { brokers } = await this.admin.describeCluster();
      const replicationFactor = this.options.replicationFactor ?? Math.min(3, brokers.length);
      // False when another instance created it first: fine, it is checked below like any existing topic.
      await this.admin.createTopics({
        waitForLeaders: true,
        topics: [{ topic: this.topic, numPartitions: 1, replicationFactor, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }],
      });
    }
    const { topics } = await this.admin.fetchTopicMetadata({ topics: [this.topic] });
    const partitions = topics[0]?.partitions.length ?? 0;
    if (partitions !== 1) {
      throw new Error(`The schema topic ${this.topic} has ${partitions} partitions; it needs exactly 1, so every instance reads one order`);
    }
    const described = await this.admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: this.topic, configNames: ['cleanup.policy'] }],
    });
    const policy = described.resources[0]?.configEntries.find((e) => e.configName === 'cleanup.policy')?.configValue ?? '';
    if (!policy.split(',').includes('compact')) {
      throw new Error(
        `The schema topic ${this.topic} has cleanup.policy=${policy}; it must be 'compact', or Kafka deletes schemas once they pass retention`,
      );
    }
  }
}
