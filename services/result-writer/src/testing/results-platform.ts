import { ConfluentAvroCodec, platformSchemasByName, readPlatformSchema, SchemaRegistryHttp, type TaxResult } from '@tributary/avro';
import { createScratchDatabase, openDatabase, sampleTaxResult, type Database, type ScratchDatabase } from '@tributary/persistence';
import { compilePipeline, INTERNAL_TOPICS, pipelinePrefix, stageTopic, validatePipeline, type DeploymentPlan } from '@tributary/pipeline-spec';
import { startSchemaRegistry, type RunningSchemaRegistry } from '@tributary/schema-registry';
import { createStreamProducer, ensurePipelineTopics, ensureTopics, internalTopicSpecs, type StreamProducer } from '@tributary/stream';
import { generateMasterKey, parseKeyring, SecretBox } from '@tributary/security';
import { BrokerProcess, tempDir } from '@tributary/testing';
import { Kafka, logLevel, type RecordMetadata } from 'kafkajs';

/**
 * What the result-writer and ws-gateway specs run against: our broker (a child process), a
 * schema registry over it, a scratch PostgreSQL database with the platform's schema and two
 * tenants, and ways to announce a pipeline on `_tributary.pipelines` (as the control plane does)
 * and to publish TaxResults to its `<p>.results` (as the tax sink does).
 */
export class ResultsPlatform {
  readonly kafka: Kafka;
  readonly data = tempDir('results-platform');
  /** The master keys secrets are sealed with here: give them to a result-writer as TRIBUTARY_MASTER_KEYS. */
  readonly masterKeys = `k1:${generateMasterKey()}`;

  private constructor(
    readonly broker: BrokerProcess,
    readonly registry: RunningSchemaRegistry,
    readonly scratch: ScratchDatabase,
    readonly database: Database,
    readonly producer: StreamProducer,
    kafka: Kafka,
  ) {
    this.kafka = kafka;
  }

  static async start(tenants: readonly string[] = ['acme', 'globex']): Promise<ResultsPlatform> {
    const broker = await BrokerProcess.start();
    const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const registry = await startSchemaRegistry({ host: '127.0.0.1', port: 0, brokers: [broker.address], logger: quiet });
    const kafka = new Kafka({ clientId: 'results-platform', brokers: [broker.address], logLevel: logLevel.NOTHING });
    const producer = createStreamProducer({ kafka, codec: new ConfluentAvroCodec(new SchemaRegistryHttp(registry.url)) });
    await producer.connect();
    const scratch = await createScratchDatabase();
    const database = await openDatabase({ url: scratch.url, dataDir: tempDir('unused').path });
    for (const tenant of tenants) await database.dataSource.query('INSERT INTO tenants (id, display_name) VALUES ($1, $1)', [tenant]);
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, internalTopicSpecs()).finally(() => admin.disconnect());
    return new ResultsPlatform(broker, registry, scratch, database, producer, kafka);
  }

  /** The base variables a stage service started against this platform needs. */
  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return { KAFKA_BROKERS: this.broker.address, SCHEMA_REGISTRY_URL: this.registry.url, DATABASE_URL: this.scratch.url, PORT: '0', TRIBUTARY_DATA_DIR: this.data.path, LOG_LEVEL: 'fatal', ...extra };
  }

  /** Creates the pipeline's topics and announces it active, with a tax API sink and the given store sinks. */
  async announce(tenant: string, pipeline: string, options: { sinks?: object[]; partitions?: number } = {}): Promise<DeploymentPlan> {
    const parsed = validatePipeline({
      apiVersion: 'tributary/v1',
      kind: 'Pipeline',
      metadata: { tenant, name: pipeline },
      source: { connector: 'file', path: '/data/orders.jsonl', mode: 'full', key: 'orderId' },
      transform: [{ mapToSchema: { schema: 'TaxOrder' } }],
      sinks: [{ taxApi: {} }, ...(options.sinks ?? [{ mongodb: { collection: 'tax_results' } }])],
      settings: { partitions: options.partitions ?? 3 },
    });
    if (!parsed.ok) throw new Error(`test pipeline invalid: ${JSON.stringify(parsed.faults)}`);
    const compiled = compilePipeline(parsed.spec, { context: { schemas: platformSchemasByName() } });
    if (!compiled.ok) throw new Error(`test pipeline does not compile: ${JSON.stringify(compiled.faults)}`);
    const admin = this.kafka.admin();
    await admin.connect();
    await ensurePipelineTopics(admin, compiled.plan).finally(() => admin.disconnect());
    const prefix = pipelinePrefix(tenant, pipeline);
    const announcement = { tenant, pipeline, version: 1, action: 'applied', status: 'active', prefix, at: new Date().toISOString(), spec: parsed.spec };
    const producer = this.kafka.producer();
    await producer.connect();
    await producer.send({ topic: INTERNAL_TOPICS.pipelines, messages: [{ key: prefix, value: JSON.stringify(announcement) }] }).finally(() => producer.disconnect());
    return compiled.plan;
  }

  /** Stores (or replaces) a tenant's connection secret sealed as the control plane seals it. */
  async putSecret(tenant: string, name: string, value: object): Promise<void> {
    const box = new SecretBox(parseKeyring(this.masterKeys, 'masterKeys'));
    const sealed = box.seal(JSON.stringify(value), `${tenant}/${name}`);
    await this.database.dataSource.query(
      `INSERT INTO secrets (tenant_id, name, sealed, key_id, updated_by) VALUES ($1, $2, $3, $4, 'results-platform')
       ON CONFLICT (tenant_id, name) DO UPDATE SET sealed = EXCLUDED.sealed, key_id = EXCLUDED.key_id, updated_at = now()`,
      [tenant, name, sealed, box.keyIdOf(sealed)],
    );
  }

  /** The offset the consumer group has committed on a partition of `<p>.results` (-1: none). */
  async committedOffset(groupId: string, tenant: string, pipeline: string, partition: number): Promise<number> {
    const admin = this.kafka.admin();
    await admin.connect();
    const [topic] = await admin.fetchOffsets({ groupId, topics: [stageTopic(tenant, pipeline, 'results')] }).finally(() => admin.disconnect());
    return Number(topic.partitions.find((p) => p.partition === partition)?.offset ?? -1);
  }

  /** Publishes TaxResults to `<p>.results`, keyed by order id; each to `partition` if given. */
  publishResults(tenant: string, pipeline: string, results: readonly TaxResult[], partition?: number): Promise<RecordMetadata[]> {
    return this.producer.publish<TaxResult>(
      stageTopic(tenant, pipeline, 'results'),
      results.map((value) => ({ key: value.orderId, value, context: { tenant, pipeline }, ...(partition !== undefined && { partition }) })),
      { schema: readPlatformSchema('tax-result') },
    );
  }

  async stop(): Promise<void> {
    await this.producer.disconnect().catch(() => undefined);
    await this.database.close().catch(() => undefined);
    await this.scratch.drop().catch(() => undefined);
    await this.registry.stop().catch(() => undefined);
    await this.broker.dispose();
    this.data.remove();
  }
}

/** A TaxResult (as the codec reads and writes it) for one order at one version. */
export function taxResult(tenant: string, pipeline: string, orderId: string, options: { updatedAt?: Date; calculationId?: string; currency?: string } = {}): TaxResult {
  const doc = sampleTaxResult(tenant, pipeline, orderId);
  const updatedAt = options.updatedAt ?? new Date(doc.orderUpdatedAt);
  return {
    ...doc,
    orderUpdatedAt: updatedAt,
    calculatedAt: new Date(doc.calculatedAt),
    calculationId: options.calculationId ?? doc.calculationId,
    currency: options.currency ?? doc.currency,
  };
}
