/**
 * What the codec needs from a schema registry, so it does not depend on one client: the HTTP
 * client for Confluent's REST API, the embedded registry, or InMemorySchemaRegistry in tests.
 * Schemas travel as JSON text, exactly as the registry's REST API carries them.
 */
export interface SchemaRegistryClient {
  /** The schema registered under a global id (GET /schemas/ids/{id}); SCHEMA_NOT_FOUND if none. */
  getSchema(id: number): Promise<string>;
  /**
   * Registers a schema under a subject and returns its global id (POST /subjects/{subject}/versions).
   * Registering a schema the subject already has returns its id; an incompatible one is refused.
   */
  register(subject: string, schema: string): Promise<number>;
  /** The subject's latest version (GET /subjects/{subject}/versions/latest); SUBJECT_NOT_FOUND if none. */
  getLatest(subject: string): Promise<RegisteredSchema>;
}

export interface RegisteredSchema {
  readonly id: number;
  readonly version: number;
  readonly schema: string;
}

/** Confluent Schema Registry's REST `error_code`s, so every client reports the same codes. */
export const SCHEMA_REGISTRY_ERROR_CODES = {
  SUBJECT_NOT_FOUND: 40401,
  VERSION_NOT_FOUND: 40402,
  SCHEMA_NOT_FOUND: 40403,
  INCOMPATIBLE_SCHEMA: 409,
  INVALID_SCHEMA: 42201,
} as const;

export type SchemaRegistryErrorType = keyof typeof SCHEMA_REGISTRY_ERROR_CODES;

export class SchemaRegistryError extends Error {
  override readonly name = 'SchemaRegistryError';
  /** The REST API's error_code, e.g. 40403. */
  readonly errorCode: number;

  constructor(readonly type: SchemaRegistryErrorType, message: string) {
    super(message);
    this.errorCode = SCHEMA_REGISTRY_ERROR_CODES[type];
  }
}
