/**
 * Confluent Schema Registry's error answers: one table of (HTTP status, error_code), with the
 * messages Confluent writes (io.confluent.kafka.schemaregistry.rest.exceptions.Errors, 7.x), so
 * clients that match on codes or messages see what they would see against Confluent.
 * The body is always `{"error_code": <code>, "message": <text>}`.
 */
export const REGISTRY_ERRORS = {
  // Request-level answers, as Jersey and rest-utils give them.
  BAD_REQUEST: { status: 400, code: 400 }, // body is not JSON (rest-utils JsonParseExceptionMapper)
  NOT_FOUND: { status: 404, code: 404 }, // no such route
  METHOD_NOT_ALLOWED: { status: 405, code: 405 },
  NOT_ACCEPTABLE: { status: 406, code: 406 },
  PAYLOAD_TOO_LARGE: { status: 413, code: 413 },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, code: 415 },
  UNPROCESSABLE: { status: 422, code: 422 }, // JSON of the wrong shape
  // Registry answers.
  SUBJECT_NOT_FOUND: { status: 404, code: 40401 },
  VERSION_NOT_FOUND: { status: 404, code: 40402 },
  SCHEMA_NOT_FOUND: { status: 404, code: 40403 },
  SUBJECT_SOFT_DELETED: { status: 404, code: 40404 },
  SUBJECT_NOT_SOFT_DELETED: { status: 404, code: 40405 },
  VERSION_SOFT_DELETED: { status: 404, code: 40406 },
  VERSION_NOT_SOFT_DELETED: { status: 404, code: 40407 },
  SUBJECT_COMPATIBILITY_NOT_CONFIGURED: { status: 404, code: 40408 },
  SUBJECT_MODE_NOT_CONFIGURED: { status: 404, code: 40409 },
  // Confluent 7.x answers 409 with error_code 409; 8.x moved to 40901.
  INCOMPATIBLE_SCHEMA: { status: 409, code: 409 },
  INVALID_SCHEMA: { status: 422, code: 42201 },
  INVALID_VERSION: { status: 422, code: 42202 },
  INVALID_COMPATIBILITY_LEVEL: { status: 422, code: 42203 },
  INVALID_MODE: { status: 422, code: 42204 },
  OPERATION_NOT_PERMITTED: { status: 422, code: 42205 },
  REFERENCE_EXISTS: { status: 422, code: 42206 },
  ID_DOES_NOT_MATCH: { status: 422, code: 42207 },
  INVALID_SUBJECT: { status: 422, code: 42208 },
  SCHEMA_TOO_LARGE: { status: 422, code: 42209 },
  INTERNAL: { status: 500, code: 500 },
  STORE_ERROR: { status: 500, code: 50001 },
  OPERATION_TIMEOUT: { status: 500, code: 50002 },
} as const satisfies Record<string, { status: number; code: number }>;

export type RegistryErrorType = keyof typeof REGISTRY_ERRORS;

export class RegistryError extends Error {
  override readonly name = 'RegistryError';
  readonly status: number;
  readonly errorCode: number;

  constructor(readonly type: RegistryErrorType, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.status = REGISTRY_ERRORS[type].status;
    this.errorCode = REGISTRY_ERRORS[type].code;
  }

  /** The JSON body Confluent answers with. */
  toBody(): { error_code: number; message: string } {
    return { error_code: this.errorCode, message: this.message };
  }
}

/** Confluent's message texts, kept in one place (their spelling, including the missing space after "deleted."). */
export const registryErrors = {
  subjectNotFound: (subject: string | null) => new RegistryError('SUBJECT_NOT_FOUND', `Subject '${subject}' not found.`),
  versionNotFound: (version: number | string) => new RegistryError('VERSION_NOT_FOUND', `Version ${version} not found.`),
  schemaNotFound: (id?: number) => new RegistryError('SCHEMA_NOT_FOUND', id === undefined ? 'Schema not found' : `Schema ${id} not found`),
  subjectSoftDeleted: (subject: string) =>
    new RegistryError('SUBJECT_SOFT_DELETED', `Subject '${subject}' was soft deleted.Set permanent=true to delete permanently`),
  subjectNotSoftDeleted: (subject: string) =>
    new RegistryError('SUBJECT_NOT_SOFT_DELETED', `Subject '${subject}' was not deleted first before being permanently deleted`),
  versionSoftDeleted: (subject: string, version: string) =>
    new RegistryError('VERSION_SOFT_DELETED', `Subject '${subject}' Version ${version} was soft deleted.Set permanent=true to delete permanently`),
  versionNotSoftDeleted: (subject: string, version: string) =>
    new RegistryError(
      'VERSION_NOT_SOFT_DELETED',
      `Subject '${subject}' Version ${version} was not deleted first before being permanently deleted`,
    ),
  compatibilityNotConfigured: (subject: string) =>
    new RegistryError('SUBJECT_COMPATIBILITY_NOT_CONFIGURED', `Subject '${subject}' does not have subject-level compatibility configured`),
  modeNotConfigured: (subject: string) =>
    new RegistryError('SUBJECT_MODE_NOT_CONFIGURED', `Subject '${subject}' does not have subject-level mode configured`),
  incompatible: (subject: string, messages: readonly string[]) =>
    new RegistryError(
      'INCOMPATIBLE_SCHEMA',
      `Schema being registered is incompatible with an earlier schema for subject "${subject}", details: [${messages.join(', ')}]`,
    ),
  invalidSchema: (detail: string) => new RegistryError('INVALID_SCHEMA', detail),
  invalidVersion: (version: string) =>
    new RegistryError(
      'INVALID_VERSION',
      `The specified version '${version}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string "latest"`,
    ),
  invalidCompatibilityLevel: () =>
    new RegistryError(
      'INVALID_COMPATIBILITY_LEVEL',
      'Invalid compatibility level. Valid values are none, backward, forward, full, backward_transitive, forward_transitive, and full_transitive',
    ),
  invalidMode: (detail = 'Invalid mode. Valid values are READWRITE, READONLY, READONLY_OVERRIDE and IMPORT.') =>
    new RegistryError('INVALID_MODE', detail),
  notPermitted: (detail: string) => new RegistryError('OPERATION_NOT_PERMITTED', detail),
  referenceExists: (subject: string, version: number) =>
    new RegistryError(
      'REFERENCE_EXISTS',
      `One or more references exist to the schema {magic=1,keytype=SCHEMA,subject=${subject},version=${version}}.`,
    ),
  invalidSubject: (subject: string) => new RegistryError('INVALID_SUBJECT', `The specified subject '${subject}' is not a valid.`),
  schemaTooLarge: (detail: string, cause?: unknown) => new RegistryError('SCHEMA_TOO_LARGE', detail, { cause }),
  store: (detail: string, cause?: unknown) => new RegistryError('STORE_ERROR', detail, { cause }),
  timeout: (detail: string, cause?: unknown) => new RegistryError('OPERATION_TIMEOUT', detail, { cause }),
};
