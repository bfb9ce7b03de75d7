import { startSchemaRegistry, type RunningSchemaRegistry } from '@tributary/schema-registry';
import { BrokerProcess } from '@tributary/testing';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';

/**
 * Our broker (a child process) and a schema registry over it (in this process): what a control
 * plane needs for KAFKA_BROKERS and SCHEMA_REGISTRY_URL in tests, plus a way to read a topic.
 */
export class PlatformKafka {
  readonly kafka: Kafka;

  private constructor(
    readonly broker: BrokerProcess,
    readonly registry: RunningSchemaRegistry,
  ) {
    this.kafka = new Kafka({ clientId: 'test-reader', brokers: [broker.address], logLevel: logLevel.NOTHING });
  }

  static async start(): Promise<PlatformKafka> {
    const broker = await BrokerProcess.start();
    try {
      const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
      const registry = await startSchemaRegistry({ host: '127.0.0.1', port: 0, brokers: [broker.address], logger: quiet });
      return new PlatformKafka(broker, registry);
    } catch (err) {
      await broker.dispose();
      throw err;
    }
  }

  /** The control plane's variables for this broker and registry. */
  get env(): Record<string, string> {
    return { KAFKA_BROKERS: this.broker.address, SCHEMA_REGISTRY_URL: this.registry.url };
  }

  async topics(): Promise<string[]> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      return await admin.listTopics();
    } finally {
      await admin.disconnect();
    }
  }

  /** Every message the topic holds now, per partition in offset order. */
  async readAll(topic: string): Promise<KafkaMessage[]> {
    const admin = this.kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
    const pending = new Map(offsets.filter((o) => Number(o.high) > Number(o.low)).map((o) => [o.partition, Number(o.high) - 1]));
    if (pending.size === 0) return [];
    const consumer = this.kafka.consumer({ groupId: `test-reader-${process.pid}-${Date.now()}-${Math.random()}`, maxWaitTimeInMs: 100 });
    const messages: KafkaMessage[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`reading ${topic} did not reach its end`)), 30_000);
        consumer
          .run({
            eachMessage: async ({ partition, message }) => {
              messages.push(message);
              if (Number(message.offset) >= (pending.get(partition) ?? Infinity)) pending.delete(partition);
              if (pending.size === 0) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    return messages;
  }

  async stop(): Promise<void> {
    await this.registry.stop().catch(() => undefined);
    await this.broker.dispose();
  }
}
