import type { CompatibilityLevel } from './compatibility-level';
import type { SchemaLog } from './log/schema-log';
import { RegistrySettings } from './registry-settings';
import { SchemaDeletion } from './schema-deletion';
import { SchemaRegistration } from './schema-registration';
import { SchemaStore } from './schema-store';
import { SubjectReads } from './subject-reads';

export interface SchemaRegistryOptions {
  /** The level subjects get when neither they nor the global config set one (default BACKWARD, as Confluent). */
  readonly compatibilityLevel?: CompatibilityLevel;
  /** How long a write, or the catch-up before one, may take (default 10 s). */
  readonly timeoutMs?: number;
  /** How long reading the whole log at start may take (default 60 s, Confluent's kafkastore.init.timeout.ms). */
  readonly initTimeoutMs?: number;
  readonly logger?: { warn(obj: object, msg: string): void };
}

/**
 * The registry, free of HTTP: every REST operation of Confluent's API as a method, answering
 * with the JSON body Confluent answers with or throwing a RegistryError that carries its
 * status and error_code. State lives in the SchemaLog (the `_schemas` topic).
 */
export class SchemaRegistry {
  readonly reads: SubjectReads;
  readonly registration: SchemaRegistration;
  readonly deletion: SchemaDeletion;
  readonly settings: RegistrySettings;

  private constructor(readonly store: SchemaStore, private readonly log: SchemaLog) {
    this.reads = new SubjectReads(store);
    this.registration = new SchemaRegistration(store);
    this.deletion = new SchemaDeletion(store);
    this.settings = new RegistrySettings(store);
  }

  /** Reads the log to its end (the state every instance agrees on) before answering anything. */
  static async open(log: SchemaLog, options: SchemaRegistryOptions = {}): Promise<SchemaRegistry> {
    const store = new SchemaStore(log, {
      timeoutMs: options.timeoutMs ?? 10_000,
      defaults: { compatibilityLevel: options.compatibilityLevel ?? 'BACKWARD', mode: 'READWRITE' },
      logger: options.logger ?? { warn: () => undefined },
    });
    try {
      await store.start(options.initTimeoutMs ?? 60_000);
    } catch (error) {
      await log.close();
      throw error;
    }
    return new SchemaRegistry(store, log);
  }

  /** GET /schemas/types */
  schemaTypes(): string[] {
    return ['AVRO'];
  }

  close(): Promise<void> {
    return this.log.close();
  }
}
