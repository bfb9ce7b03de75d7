import { appendFileSync } from 'node:fs';
import { ConfluentAvroCodec, platformType, SchemaRegistryHttp, type ErrorRecord } from '@tributary/avro';
import { freePort, repoRoot, tempDir } from '@tributary/testing';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { EmbeddedStack, type StackOptions } from '../embedded-stack';
import type { StackPorts } from '../stack-layout';

const PORT_NAMES: (keyof StackPorts)[] = ['broker', 'registry', 'postgres', 'controlPlane', 'taxApi', 'wsGateway', 'wsGatewayOps', 'connectorRunner', 'transformer', 'validator', 'taxSink', 'resultWriter'];

/**
 * The whole embedded platform for an end-to-end test: every program a real child process from
 * source, on free ports, over a temporary data folder; and the calls a test makes of it (REST as
 * the platform admin, topics read with kafkajs, the results table, each service's /metrics).
 */
export class E2EPlatform {
  private token = '';

  private constructor(
    readonly stack: EmbeddedStack,
    private readonly data: { path: string; remove(): void },
    readonly kafka: Kafka,
    readonly codec: ConfluentAvroCodec,
  ) {}

  static async start(options: Partial<StackOptions> = {}): Promise<E2EPlatform> {
    const data = tempDir('e2e');
    const ports = Object.fromEntries(await Promise.all(PORT_NAMES.map(async (name) => [name, await freePort()]))) as unknown as StackPorts;
    const output: string[] = [];
    let stack: EmbeddedStack;
    try {
      stack = await EmbeddedStack.start({
        root: repoRoot,
        dataDir: data.path,
        ports,
        mode: 'source',
        logLevel: 'warn',
        onOutput: (name, line) => {
          output.push(`${name}: ${line}`);
          // E2E_LOG=file keeps every line of every program, for a failure the last lines do not explain.
          if (process.env.E2E_LOG) appendFileSync(process.env.E2E_LOG, `${name}: ${line}\n`);
        },
        onEvent: (event) => void output.push(`${event.name}: ${event.kind} ${event.detail ?? ''}`),
        ...options,
      });
    } catch (err) {
      data.remove();
      throw new Error(`${(err as Error).message}\n${output.slice(-60).join('\n')}`);
    }
    const kafka = new Kafka({ brokers: [stack.urls.kafka], clientId: 'e2e', logLevel: logLevel.NOTHING, retry: { retries: 10, initialRetryTime: 200 } });
    const platform = new E2EPlatform(stack, data, kafka, new ConfluentAvroCodec(new SchemaRegistryHttp(stack.urls.registry)));
    platform.output = output;
    platform.token = await platform.login(stack.admin.email, stack.admin.password);
    return platform;
  }

  get dataDir(): string {
    return this.data.path;
  }

  /** Every line the programs wrote, prefixed by program: what a failing test prints. */
  output: string[] = [];

  async login(email: string, password: string): Promise<string> {
    const { accessToken } = await this.call<{ accessToken: string }>('POST', '/auth/login', { email, password }, '');
    return accessToken;
  }

  /** A REST call as the platform admin (or with `token`); a refusal throws with the answer. */
  async call<T = unknown>(method: string, path: string, body?: unknown, token = this.token): Promise<T> {
    const answer = await fetch(this.stack.urls.controlPlane + path, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await answer.text();
    if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async createTenant(id: string): Promise<{ email: string; password: string }> {
    const admin = { email: `admin@${id}.test`, password: `pw-${id}-e2e-0123456789` };
    await this.call('POST', '/tenants', { id, displayName: id, admin });
    return admin;
  }

  async apply(tenant: string, document: string): Promise<void> {
    await this.call('POST', `/tenants/${tenant}/pipelines`, { document });
  }

  async runNow(tenant: string, pipeline: string): Promise<string> {
    const run = await this.call<{ id: string }>('POST', `/tenants/${tenant}/pipelines/${pipeline}/runs`, {});
    return run.id;
  }

  async run(tenant: string, runId: string): Promise<{ status: string; error?: string | null }> {
    return this.call('GET', `/tenants/${tenant}/runs/${runId}`);
  }

  /** Rows of the results table for one pipeline. */
  async results(tenant: string, pipeline: string): Promise<{ order_key: string; total_tax: string; attempts?: number }[]> {
    return this.sql(`SELECT * FROM results WHERE tenant_id = $1 AND pipeline = $2 ORDER BY order_key`, [tenant, pipeline]);
  }

  async sql<T>(text: string, values: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.stack.urls.database });
    await client.connect();
    try {
      return (await client.query(text, values)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /** The sum of a topic's partition end offsets: how many records it ever got. */
  async topicEnd(topic: string): Promise<number> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      return (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high), 0);
    } finally {
      await admin.disconnect();
    }
  }

  /** Every ErrorRecord on a pipeline's errors topic. */
  async errorRecords(tenant: string, pipeline: string): Promise<ErrorRecord[]> {
    const topic = `tributary.${tenant}.${pipeline}.errors`;
    const end = await this.topicEnd(topic);
    const records: ErrorRecord[] = [];
    if (end === 0) return records;
    const consumer = this.kafka.consumer({ groupId: `e2e-reader-${Math.random()}`, maxWaitTimeInMs: 200 });
    await consumer.connect();
    const reader = platformType('error-record');
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      let seen = 0;
      await consumer.run({
        eachMessage: async ({ message }) => {
          seen++;
          if (message.value) records.push(await this.codec.decodeWith<ErrorRecord>(message.value, reader));
        },
      });
      await eventually(() => seen >= end, `${end} records of ${topic}`, 60_000);
    } finally {
      await consumer.disconnect();
    }
    return records;
  }

  /** A service's Prometheus text. */
  async metrics(port: number): Promise<string> {
    return (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  }

  async stop(): Promise<void> {
    await this.stack.stop();
    this.data.remove();
  }
}

/** Resolves once `condition` holds, polling; rejects naming what did not happen. */
export async function eventually(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 120_000, everyMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export { repoRoot };
