import { checkBackwardCompatible } from './backward-compatibility';
import { parseAvroSchema } from './avro-schema';
import { RegisteredSchema, SchemaRegistryClient, SchemaRegistryError } from './schema-registry-client';

export interface InMemorySchemaRegistryOptions {
  /** Compatibility enforced on register against the subject's latest version; BACKWARD, as Confluent's default. */
  readonly compatibility?: 'BACKWARD' | 'NONE';
  /** The first id handed out; Confluent starts at 1. */
  readonly firstId?: number;
}

/**
 * A schema registry in a Map, for tests and benchmarks. Behaves as Confluent's does where the
 * codec can tell: ids are global and the same schema gets the same id under every subject,
 * re-registering returns the existing id, versions count from 1, lookups of unknown ids and
 * subjects fail with Confluent's error codes, and incompatible changes are refused (409).
 */
export class InMemorySchemaRegistry implements SchemaRegistryClient {
  private readonly schemasById = new Map<number, string>();
  /** Keyed by the schema as avsc writes it back, so whitespace and key order do not make a new id. */
  private readonly idsBySchema = new Map<string, number>();
  private readonly subjects = new Map<string, number[]>();
  private nextId: number;
  private readonly compatibility: 'BACKWARD' | 'NONE';

  constructor(options: InMemorySchemaRegistryOptions = {}) {
    this.nextId = options.firstId ?? 1;
    this.compatibility = options.compatibility ?? 'BACKWARD';
  }

  async getSchema(id: number): Promise<string> {
    const schema = this.schemasById.get(id);
    if (schema === undefined) throw new SchemaRegistryError('SCHEMA_NOT_FOUND', `Schema ${id} not found`);
    return schema;
  }

  async register(subject: string, schema: string): Promise<number> {
    let canonical: string;
    try {
      canonical = JSON.stringify(parseAvroSchema(schema).schema({ exportAttrs: true }));
    } catch (error) {
      throw new SchemaRegistryError('INVALID_SCHEMA', `Invalid schema for subject ${subject}: ${(error as Error).message}`);
    }
    const versions = this.subjects.get(subject) ?? [];
    const existing = this.idsBySchema.get(canonical);
    if (existing !== undefined && versions.includes(existing)) return existing;
    if (this.compatibility === 'BACKWARD' && versions.length > 0) {
      const latest = this.schemasById.get(versions[versions.length - 1])!;
      const problems = checkBackwardCompatible(latest, schema);
      if (problems.length > 0) {
        const detail = problems.map((p) => `${p.path || '(root)'}: ${p.message}`).join('; ');
        throw new SchemaRegistryError('INCOMPATIBLE_SCHEMA', `Schema being registered is incompatible with the latest version of ${subject}: ${detail}`);
      }
    }
    let id = existing;
    if (id === undefined) {
      id = this.nextId++;
      this.schemasById.set(id, schema);
      this.idsBySchema.set(canonical, id);
    }
    versions.push(id);
    this.subjects.set(subject, versions);
    return id;
  }

  async getLatest(subject: string): Promise<RegisteredSchema> {
    const versions = this.subjects.get(subject);
    if (versions === undefined) throw new SchemaRegistryError('SUBJECT_NOT_FOUND', `Subject '${subject}' not found`);
    const id = versions[versions.length - 1];
    return { id, version: versions.length, schema: this.schemasById.get(id)! };
  }
}
