import { Type } from 'avsc';
import { installNullableStrings } from './avsc-nullable-strings';
import { installShortStrings } from './avsc-short-strings';
import { boundedCollections } from './bounded-collections';
import { DateType } from './logical-types/date-type';
import { DecimalType } from './logical-types/decimal-type';
import { TimestampMillisType } from './logical-types/timestamp-millis-type';
import { UuidType } from './logical-types/uuid-type';

// Two patches of avsc's prototypes, each with the same results as avsc's own code on any input:
// short ASCII strings in JavaScript rather than through Node's UTF-8 bindings, and unions' null,
// string and logical branches without a megamorphic call or a search. With the logical types'
// own fast paths they took a 5-line TaxOrder from ~230k to ~365k decodes and from ~260k to
// ~350k encodes per CPU-second (bench/avro.ts). A second round (frames written straight into a
// slab, records and nullable logical values written without avsc's search or a second check,
// uuids and decimal text in one pass) made encodes another ~25% and decodes ~6% faster
// (interleaved runs of the bench); the why and the measurements are in each file.
installShortStrings();
installNullableStrings();

/** The logical types Tributary maps to TypeScript values; any other logicalType reads as its underlying type. */
export const LOGICAL_TYPES = {
  decimal: DecimalType,
  'timestamp-millis': TimestampMillisType,
  date: DateType,
  uuid: UuidType,
};

export interface ParseOptions {
  /**
   * Refuse a schema whose logical type is malformed (a decimal without precision, a uuid on
   * int). Off by default because the spec says readers fall back to the underlying type; on for
   * the platform's own schemas, where a malformed annotation is a mistake to catch in CI.
   */
  readonly strictLogicalTypes?: boolean;
  /**
   * Named types already defined, by full name, which the schema may use by name and to which the
   * types it defines are added: how a registry resolves Confluent schema references.
   */
  readonly registry?: Record<string, Type>;
}

/**
 * An avsc Type for a schema (JSON text or object) with Tributary's logical types.
 * Unions of null and one type read as the value or null (avsc's 'auto' unwrapping); records come
 * back as plain-shaped objects without avsc's record methods, so `toBuffer` cannot bypass framing.
 * Arrays and maps read through bounded-collections, so a lying block count cannot hang a decode.
 */
export function parseAvroSchema(schema: string | object, options: ParseOptions = {}): Type {
  const parsed = typeof schema === 'string' ? parseJson(schema) : schema;
  return Type.forSchema(parsed as Parameters<typeof Type.forSchema>[0], {
    logicalTypes: LOGICAL_TYPES,
    assertLogicalTypes: options.strictLogicalTypes ?? false,
    wrapUnions: 'auto',
    omitRecordMethods: true,
    typeHook: boundedCollections as never,
    registry: options.registry,
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // A bare type name such as "string" is a valid schema too, but only when quoted as JSON.
    throw new SyntaxError(`schema is not valid JSON: ${(error as Error).message}`);
  }
}
