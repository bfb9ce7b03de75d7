import { BrokerProcess } from '@tributary/testing';
import { startSchemaRegistry, type RunningSchemaRegistry, type SchemaRegistryServerOptions } from '../schema-registry-server';

export interface RegistryCluster {
  readonly broker: BrokerProcess;
  /** Warnings and errors every instance logged, for tests that expect (or forbid) some. */
  readonly logged: string[];
  /** Starts one more registry instance over the broker's `_schemas` topic, on a free port. */
  start(options?: Partial<SchemaRegistryServerOptions>): Promise<RunningSchemaRegistry>;
  /** Stops every instance still running, then the broker. */
  dispose(): Promise<void>;
}

/** Our broker as a child process, and registry instances in this process over it. */
export async function startRegistryCluster(): Promise<RegistryCluster> {
  const broker = await BrokerProcess.start();
  const logged: string[] = [];
  const running = new Set<RunningSchemaRegistry>();
  const logger = {
    info: () => undefined,
    warn: (obj: object, msg: string) => void logged.push(`warn: ${msg} ${JSON.stringify(obj)}`),
    error: (obj: object, msg: string) => void logged.push(`error: ${msg} ${JSON.stringify(obj)}`),
  };
  return {
    broker,
    logged,
    async start(options = {}) {
      const instance = await startSchemaRegistry({ host: '127.0.0.1', port: 0, brokers: [broker.address], logger, ...options });
      running.add(instance);
      const stop = instance.stop;
      return { ...instance, stop: async () => { running.delete(instance); await stop(); } };
    },
    async dispose() {
      for (const instance of running) await instance.stop();
      await broker.dispose();
    },
  };
}

export interface Answer {
  readonly status: number;
  readonly contentType: string | null;
  /** The body parsed as JSON (the text itself if it is not JSON). */
  readonly body: unknown;
}

/** One HTTP request as curl would send it in Confluent's examples: JSON in the registry's media type. */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(baseUrl + path, {
    method,
    headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, contentType: response.headers.get('content-type'), body: parsed };
}
