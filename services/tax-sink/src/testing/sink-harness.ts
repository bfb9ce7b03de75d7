/**
 * What the tax-sink specs share: a broker process, the sandbox on a free port, one pipeline's
 * topics, and a tax sink with its ConsumerRunner wired the way PipelineConsumers wires it, plus
 * tails of the results and errors topics. Specs start what they need and dispose it.
 */
import { ConfluentAvroCodec, InMemorySchemaRegistry, readPlatformSchema, type ErrorRecord, type TaxOrder, type TaxResult } from '@tributary/avro';
import { ConsumerRunner, createStreamProducer, silentLogger, type StreamProducer } from '@tributary/stream';
import { TaxmanEndpoint } from '@tributary/tax-api';
import { parseSandboxConfig, startSandbox, type RunningSandbox } from '@tributary/tax-api-sandbox';
import { Kafka, logLevel, type Consumer, type IHeaders } from 'kafkajs';
import pino from 'pino';
import { Registry } from 'prom-client';
import { PipelineTaxSink } from '../pipeline-tax-sink';
import { TaxSinkMetrics } from '../tax-sink-metrics';
import type { TaxSinkSettings } from '../tax-sink-settings';

export const quietLog = pino.destination({ dest: '/dev/null', sync: true });

export function startQuietSandbox(env: Record<string, string> = {}): Promise<RunningSandbox> {
  return startSandbox(parseSandboxConfig({ PORT: '0', LOG_LEVEL: 'error', ...env }), quietLog);
}

export const FAST_CONSUMER = { sessionTimeout: 6_000, heartbeatInterval: 500, maxWaitTimeInMs: 100 } as const;

export async function eventually(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A consumer that keeps every record of a topic, decoded. */
export class TopicTail<T> {
  readonly records: Array<{ key: string; value: T; headers: IHeaders; partition: number }> = [];
  private constructor(private readonly consumer: Consumer) {}

  static async start<T>(kafka: Kafka, codec: ConfluentAvroCodec, topic: string): Promise<TopicTail<T>> {
    const tail = new TopicTail<T>(kafka.consumer({ groupId: `tail-${topic}-${Math.random()}`, ...FAST_CONSUMER }));
    await tail.consumer.connect();
    await tail.consumer.subscribe({ topic, fromBeginning: true });
    await tail.consumer.run({
      eachMessage: async ({ partition, message }) => {
        tail.records.push({ key: message.key?.toString() ?? '', value: await codec.decode<T>(message.value!), headers: message.headers ?? {}, partition });
      },
    });
    return tail;
  }

  keys(): Set<string> {
    return new Set(this.records.map((r) => r.key));
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}

export const DEFAULT_SETTINGS: TaxSinkSettings = {
  timeoutMs: 1_000,
  concurrency: 8,
  retry: { max: 10, backoffMs: 100, maxBackoffMs: 400 },
  circuit: { errorPercent: 50, resetMs: 500 },
};

let counter = 0;

/** One pipeline's topics and its tax sink running against `taxApiUrl`. */
export class SinkHarness {
  readonly tenant = 'acme';
  readonly pipeline: string;
  readonly metrics = new TaxSinkMetrics(new Registry());
  readonly results!: TopicTail<TaxResult>;
  readonly errors!: TopicTail<ErrorRecord>;
  readonly sink: PipelineTaxSink;
  readonly runner: ConsumerRunner<TaxOrder>;
  private readonly endpoint: TaxmanEndpoint;

  private constructor(
    readonly kafka: Kafka,
    readonly codec: ConfluentAvroCodec,
    readonly producer: StreamProducer,
    taxApiUrl: string,
    settings: TaxSinkSettings,
  ) {
    counter += 1;
    this.pipeline = `orders${counter}${Math.random().toString(36).slice(2, 6)}`;
    this.endpoint = new TaxmanEndpoint({ url: taxApiUrl });
    this.sink = new PipelineTaxSink({
      tenant: this.tenant,
      pipeline: this.pipeline,
      settings,
      endpoint: this.endpoint,
      producer,
      metrics: this.metrics,
      partitions: () => this.runner,
      logger: silentLogger,
      watchdogMs: 200,
    });
    this.runner = new ConsumerRunner<TaxOrder>({
      kafka,
      codec,
      producer,
      groupId: `tributary.${this.tenant}.${this.pipeline}.tax-sink`,
      topics: [this.sink.topics.valid, this.sink.topics.retry],
      stage: 'TAX_SINK',
      topicRefreshMs: 0,
      consumer: FAST_CONSUMER,
      logger: silentLogger,
      ...this.sink.runnerOptions(),
      handle: this.sink.handle,
    });
  }

  static async start(brokerAddress: string, taxApiUrl: string, settings: TaxSinkSettings = DEFAULT_SETTINGS, partitions = 2): Promise<SinkHarness> {
    const kafka = new Kafka({ brokers: [brokerAddress], clientId: 'tax-sink-spec', logLevel: logLevel.NOTHING, retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 1000 } });
    const codec = new ConfluentAvroCodec(new InMemorySchemaRegistry());
    const producer = createStreamProducer({ kafka, codec });
    await producer.connect();
    const harness = new SinkHarness(kafka, codec, producer, taxApiUrl, settings);
    const admin = kafka.admin();
    await admin.connect();
    const stages = ['valid', 'retry', 'results', 'errors'].map((stage) => `tributary.${harness.tenant}.${harness.pipeline}.${stage}`);
    await admin.createTopics({ waitForLeaders: true, topics: stages.map((topic) => ({ topic, numPartitions: partitions })) });
    await admin.disconnect();
    Object.assign(harness, {
      results: await TopicTail.start<TaxResult>(kafka, codec, harness.sink.topics.results),
      errors: await TopicTail.start<ErrorRecord>(kafka, codec, `tributary.${harness.tenant}.${harness.pipeline}.errors`),
    });
    await harness.runner.start();
    return harness;
  }

  /** Publishes orders to `<p>.valid` as the validator would: keyed by order id, with context headers. */
  async publish(orders: readonly TaxOrder[]): Promise<void> {
    const records = orders.map((order) => ({ key: order.orderId, value: { ...order, tenant: this.tenant, pipeline: this.pipeline }, context: { tenant: this.tenant, pipeline: this.pipeline } }));
    await this.producer.publish(this.sink.topics.valid, records, { schema: readPlatformSchema('tax-order') });
  }

  async dispose(): Promise<void> {
    await this.runner.stop();
    this.sink.close();
    await Promise.all([this.results.stop(), this.errors.stop()]);
    await this.producer.disconnect();
    await this.endpoint.close();
  }
}
