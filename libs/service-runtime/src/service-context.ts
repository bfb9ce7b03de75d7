import type { Tracer } from '@opentelemetry/api';
import type { ConfluentAvroCodec } from '@tributary/avro';
import type { StageMetrics } from '@tributary/observability';
import type { StreamProducer } from '@tributary/stream';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { PipelineDirectory } from './pipeline-directory';

/** What runService hands a stage service: its connections, its view of the pipelines, and how to be seen. */
export interface ServiceContext {
  readonly name: string;
  readonly kafka: Kafka;
  readonly codec: ConfluentAvroCodec;
  /** Connected; idempotent; publishes with the schema registry at SCHEMA_REGISTRY_URL. */
  readonly producer: StreamProducer;
  readonly pipelines: PipelineDirectory;
  readonly metrics: StageMetrics;
  readonly logger: Logger;
  /** Undefined when tracing is off (no OTLP endpoint): no spans are made. */
  readonly tracer: Tracer | undefined;
  /** The data folder (TRIBUTARY_DATA_DIR): where an embedded service keeps what it must. */
  readonly dataDir: string;
  /** The session timeout of its pipelines' consumer groups (KAFKA_SESSION_TIMEOUT_MS); kafkajs's 30 s when unset. */
  readonly sessionTimeoutMs?: number;
}

/** What a service's start gives back. */
export interface StartedService {
  /** False while it cannot do its work (e.g. its database is down); /health/ready answers 503. */
  ready?(): boolean;
  /** Consumer groups whose lag /metrics reports. */
  groupIds?(): string[];
  /** Stop taking work, finish what is in flight, commit, close. */
  stop(): Promise<void>;
}
