import { ConfluentAvroCodec, readPlatformSchema, type RunEvent, SchemaRegistryHttp } from '@tributary/avro';
import { INTERNAL_TOPICS, type PipelineAnnouncement } from '@tributary/pipeline-spec';
import { createStreamProducer, ensureTopics, internalTopicSpecs, isTellingKafkaLog, type StreamProducer } from '@tributary/stream';
import { Kafka, logLevel, type Admin, type LogEntry } from 'kafkajs';
import type { Logger } from 'pino';
import { ApiError } from '../common/api-error';
import type { PlatformStreamConfig } from './platform-stream-config';

/** What `_tributary.pipelines` carries (the contract lives in libs/pipeline-spec). */
export type PipelineChange = PipelineAnnouncement;

const NOT_CONFIGURED = () => new ApiError('unavailable', 'this control plane has no Kafka: set KAFKA_BROKERS (and SCHEMA_REGISTRY_URL)');

interface Connected {
  readonly admin: Admin;
  readonly producer: StreamProducer;
}

/**
 * The control plane's one connection to Kafka and the schema registry: topic administration,
 * run events (Avro RunEvent on `_tributary.runs`) and pipeline changes (`_tributary.pipelines`).
 * Connects on first use, so the control plane starts (and serves identity and secrets) while
 * Kafka is down; a failed connection is tried again on the next use. Without KAFKA_BROKERS every
 * use is a 503 that names the variable.
 */
export class PlatformStream {
  readonly kafka: Kafka | undefined;
  readonly codec: ConfluentAvroCodec | undefined;
  private connecting: Promise<Connected> | undefined;
  private closed = false;

  constructor(
    config: PlatformStreamConfig['kafka'],
    private readonly logger: Logger,
  ) {
    if (!config) return;
    this.kafka = new Kafka({
      clientId: config.clientId,
      brokers: [...config.brokers],
      connectionTimeout: 3000,
      retry: { retries: 3, initialRetryTime: 300 },
      logLevel: logLevel.WARN,
      logCreator: () => (entry: LogEntry) => this.kafkaLog(entry),
    });
    this.codec = new ConfluentAvroCodec(new SchemaRegistryHttp(config.schemaRegistryUrl));
  }

  get configured(): boolean {
    return this.kafka !== undefined;
  }

  /** Throws the 503 that names KAFKA_BROKERS when this control plane has no Kafka. */
  requireConfigured(): void {
    if (!this.configured) throw NOT_CONFIGURED();
  }

  /** A connected admin client; 503 when Kafka is not configured or cannot be reached. */
  async admin(): Promise<Admin> {
    return (await this.connected()).admin;
  }

  /** Publishes run events, each keyed by its run id (one run's events stay in order). */
  async publishRunEvents(events: readonly RunEvent[]): Promise<void> {
    if (events.length === 0) return;
    const { producer } = await this.connected();
    await producer.publish(
      INTERNAL_TOPICS.runs,
      events.map((event) => ({ key: event.runId, value: event, context: { tenant: event.tenant, pipeline: event.pipeline, run: event.runId } })),
      { schema: readPlatformSchema('run-event') },
    );
  }

  /** Announces pipeline changes so stage services pick up new, paused and deleted pipelines. */
  async announce(changes: readonly PipelineChange[]): Promise<void> {
    if (changes.length === 0) return;
    const { producer } = await this.connected();
    await producer.publishEncoded(
      INTERNAL_TOPICS.pipelines,
      changes.map((change) => ({ key: change.prefix, value: Buffer.from(JSON.stringify(change)), headers: { 'content-type': 'application/json' } })),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    const connecting = this.connecting;
    this.connecting = undefined;
    if (!connecting) return;
    const connected = await connecting.catch(() => undefined);
    if (!connected) return;
    await connected.producer.disconnect().catch((err: Error) => this.logger.warn({ err: err.message }, 'the Kafka producer did not close cleanly'));
    await connected.admin.disconnect().catch(() => undefined);
  }

  private connected(): Promise<Connected> {
    const { kafka, codec } = this;
    if (!kafka || !codec) return Promise.reject(NOT_CONFIGURED());
    if (this.closed) return Promise.reject(new ApiError('unavailable', 'the control plane is shutting down'));
    this.connecting ??= (async () => {
      const admin = kafka.admin();
      const producer = createStreamProducer({ kafka, codec });
      try {
        await admin.connect();
        await ensureTopics(admin, internalTopicSpecs());
        await producer.connect();
        return { admin, producer };
      } catch (err) {
        await producer.disconnect().catch(() => undefined);
        await admin.disconnect().catch(() => undefined);
        throw err;
      }
    })();
    const attempt = this.connecting;
    return attempt.catch((err: Error) => {
      if (this.connecting === attempt) this.connecting = undefined;
      this.logger.warn({ err: err.message }, 'could not connect to Kafka');
      throw new ApiError('unavailable', 'Kafka cannot be reached now; try again later');
    });
  }

  /** kafkajs's own errors are mostly transient (a rebalance, a broker restart): warnings here. */
  private kafkaLog(entry: LogEntry): void {
    if (!isTellingKafkaLog(entry)) return;
    const { level, log } = entry;
    const { message, ...fields } = log;
    const line = { kafkajs: fields };
    if (level <= logLevel.WARN) this.logger.warn(line, `kafkajs: ${message}`);
    else this.logger.debug(line, `kafkajs: ${message}`);
  }
}
