import { SchemaRegistryError, type RegisteredSchema, type SchemaRegistryClient } from './schema-registry-client';

const MEDIA_TYPE = 'application/vnd.schemaregistry.v1+json';

/**
 * libs/avro's SchemaRegistryClient over Confluent's REST API (our services/schema-registry or
 * Confluent's): the three calls the codec makes. Registry errors keep their error_code.
 */
export class SchemaRegistryHttp implements SchemaRegistryClient {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async getSchema(id: number): Promise<string> {
    const body = await this.call<{ schema: string }>('GET', `/schemas/ids/${id}`);
    return body.schema;
  }

  async register(subject: string, schema: string): Promise<number> {
    const body = await this.call<{ id: number }>('POST', `/subjects/${encodeURIComponent(subject)}/versions`, { schema });
    return body.id;
  }

  async getLatest(subject: string): Promise<RegisteredSchema> {
    const body = await this.call<{ id: number; version: number; schema: string }>('GET', `/subjects/${encodeURIComponent(subject)}/versions/latest`);
    return { id: body.id, version: body.version, schema: body.schema };
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: { accept: MEDIA_TYPE, ...(body === undefined ? {} : { 'content-type': MEDIA_TYPE }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await response.text();
    let json: { error_code?: number; message?: string } & Record<string, unknown>;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error(`the schema registry answered ${method} ${path} with ${response.status} and a body that is not JSON`);
    }
    if (response.ok) return json as T;
    const message = `schema registry: ${json.message ?? `${response.status} on ${method} ${path}`}`;
    switch (json.error_code) {
      case 40401:
        throw new SchemaRegistryError('SUBJECT_NOT_FOUND', message);
      case 40402:
        throw new SchemaRegistryError('VERSION_NOT_FOUND', message);
      case 40403:
        throw new SchemaRegistryError('SCHEMA_NOT_FOUND', message);
      case 409:
        throw new SchemaRegistryError('INCOMPATIBLE_SCHEMA', message);
      case 42201:
        throw new SchemaRegistryError('INVALID_SCHEMA', message);
      default:
        throw new Error(message);
    }
  }
}
