/**
 * What the stage services' specs share (connector-runner, transformer, validator): our broker and
 * a schema registry over it as child processes (the real REST API, through libs/avro's HTTP client), a kafkajs client, a stream producer, pipeline
 * topics made as compile() plans them, and a reader that takes a topic to its end.
 */
import { randomBytes } from 'node:crypto';
import { ConfluentAvroCodec, platformSchemasByName, SchemaRegistryHttp } from '@tributary/avro';
import { compile, INTERNAL_TOPICS, pipelinePrefix, validatePipeline, type PipelineAnnouncement, type PipelineDocument, type PipelineSpec } from '@tributary/pipeline-spec';
import { createStreamProducer, ensurePipelineTopics, ensureTopics, internalTopicSpecs, type StreamProducer } from '@tributary/stream';
import { BrokerProcess, RegistryProcess } from '@tributary/testing';
import { Kafka, logLevel, type Admin, type IHeaders } from 'kafkajs';

export interface ReadRecord<T = unknown> {
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: T;
  readonly headers: Record<string, string>;
}

export class StageFixture {
  private constructor(
    readonly broker: BrokerProcess,
    readonly registry: RegistryProcess,
    readonly kafka: Kafka,
    readonly admin: Admin,
    readonly codec: ConfluentAvroCodec,
    readonly producer: StreamProducer,
  ) {}

  static async start(): Promise<StageFixture> {
    const broker = await BrokerProcess.start();
    const registry = await RegistryProcess.start(broker.address);
    const kafka = new Kafka({ brokers: [broker.address], clientId: 'stage-spec', logLevel: logLevel.NOTHING, retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 1000 } });
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, internalTopicSpecs({ partitions: 3 }));
    const codec = new ConfluentAvroCodec(new SchemaRegistryHttp(registry.url));
    const producer = createStreamProducer({ kafka, codec });
    await producer.connect();
    return new StageFixture(broker, registry, kafka, admin, codec, producer);
  }

  /** A valid spec from a document (tenant and pipeline names made fresh), with its stage topics made. */
  async pipeline(document: Omit<PipelineDocument, 'apiVersion' | 'kind' | 'metadata'> & { metadata?: Partial<PipelineDocument['metadata']> }): Promise<PipelineSpec> {
    const outcome = validatePipeline({
      apiVersion: 'tributary/v1',
      kind: 'Pipeline',
      ...document,
      metadata: { tenant: fresh('t'), name: fresh('p'), ...document.metadata },
      settings: { partitions: 3, ...(document.settings as object) },
    });
    if (!outcome.ok) throw new Error(outcome.faults.map((f) => `${f.path}: ${f.message}`).join('\n'));
    await ensurePipelineTopics(this.admin, compile(outcome.spec, { context: { schemas: platformSchemasByName() } }));
    return outcome.spec;
  }

  /** Announces `spec` as version `version` of its pipeline on `_tributary.pipelines`, as the control plane would. */
  async announce(spec: PipelineSpec, version: number): Promise<void> {
    const prefix = pipelinePrefix(spec.metadata.tenant, spec.metadata.name);
    const announcement: PipelineAnnouncement = { tenant: spec.metadata.tenant, pipeline: spec.metadata.name, version, action: 'applied', status: 'active', prefix, at: new Date().toISOString(), spec };
    await this.producer.publishEncoded(INTERNAL_TOPICS.pipelines, [{ key: prefix, value: Buffer.from(JSON.stringify(announcement)), headers: {} }]);
  }

  /** How many records a topic holds now. */
  async count(topic: string): Promise<number> {
    return (await this.readAll(topic)).length;
  }

  /** Every record of a topic up to its end offsets of now, decoded, in partition then offset order. */
  async readAll<T = unknown>(topic: string): Promise<ReadRecord<T>[]> {
    const ends = await this.admin.fetchTopicOffsets(topic);
    const wanted = ends.filter((p) => BigInt(p.high) > BigInt(p.low));
    const records: ReadRecord<T>[] = [];
    if (wanted.length === 0) return records;
    const reached = new Map<number, bigint>();
    const consumer = this.kafka.consumer({ groupId: fresh('reader'), maxWaitTimeInMs: 100, sessionTimeout: 6000, heartbeatInterval: 500 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ partition, message }) => {
          const value = message.value === null ? null : await this.codec.decode<T>(message.value);
          records.push({ partition, offset: message.offset, key: message.key?.toString() ?? null, value: value as T, headers: headerTexts(message.headers) });
          reached.set(partition, BigInt(message.offset) + 1n);
        },
      });
      const deadline = Date.now() + 30_000;
      while (wanted.some((p) => (reached.get(p.partition) ?? 0n) < BigInt(p.high))) {
        if (Date.now() > deadline) throw new Error(`${topic} was not read to its end`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    } finally {
      await consumer.disconnect();
    }
    return records.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
  }

  async dispose(): Promise<void> {
    await this.producer.disconnect().catch(() => undefined);
    await this.admin.disconnect().catch(() => undefined);
    await this.registry.stop().catch(() => undefined);
    await this.broker.dispose();
  }
}

function headerTexts(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name, String(Array.isArray(value) ? value[value.length - 1] : value)]));
}

/** Resolves once `condition` holds (polled every 100 ms); rejects after 30 s naming `what`. */
export async function until(what: string, condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let counter = 0;
/** A fresh resource name, so specs never share topics, groups or cursors. */
export function fresh(base: string): string {
  counter += 1;
  return `${base}${counter}-${randomBytes(3).toString('hex')}`;
}
