import { Type } from 'avsc';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseAvroSchema } from './avro-schema';
import type { PlatformRecords } from './platform-records';

export type PlatformSchemaName = keyof PlatformRecords;

export const PLATFORM_SCHEMA_NAMES: readonly PlatformSchemaName[] = [
  'tax-order',
  'tax-result',
  'error-record',
  'run-event',
  'connector-cursor',
];

let schemasDirectory: string | undefined;

/**
 * The repository's schemas/ folder, found by walking up from this file: that works from source
 * (libs/avro/src) and from the compiled copy (dist/libs/avro/src) alike. A folder counts only if
 * it holds tax-order.avsc, so no other `schemas` folder on the way up is taken for it.
 */
export function findSchemasDirectory(from: string = __dirname): string {
  for (let directory = from; ; directory = dirname(directory)) {
    const candidate = join(directory, 'schemas');
    if (existsSync(join(candidate, 'tax-order.avsc'))) return candidate;
    if (dirname(directory) === directory) {
      throw new Error(`no schemas/ folder with tax-order.avsc in ${from} or any folder above it`);
    }
  }
}

/** The text of schemas/<name>.avsc, as registered with the schema registry. */
export function readPlatformSchema(name: PlatformSchemaName): string {
  schemasDirectory ??= findSchemasDirectory();
  return readFileSync(join(schemasDirectory, `${name}.avsc`), 'utf8');
}

let byRecordName: Readonly<Record<string, unknown>> | undefined;

/**
 * The platform schemas as JSON, keyed by record name ('TaxOrder', ...): what a pipeline's
 * `mapToSchema: { schema: TaxOrder }` names, for libs/pipeline-spec's compile context.
 */
export function platformSchemasByName(): Readonly<Record<string, unknown>> {
  byRecordName ??= Object.fromEntries(
    PLATFORM_SCHEMA_NAMES.map((name) => {
      const schema = JSON.parse(readPlatformSchema(name)) as { name: string };
      return [schema.name, schema];
    }),
  );
  return byRecordName;
}

const parsed = new Map<PlatformSchemaName, Type>();

/**
 * The parsed type of a platform schema (parsed once), with strict logical types: a malformed
 * decimal in our own schemas is an error, not a silent fallback to bytes. Use it as the reader
 * type of ConfluentAvroCodec.decodeWith, so consumers see the shape they were compiled against.
 */
export function platformType(name: PlatformSchemaName): Type {
  let type = parsed.get(name);
  if (type === undefined) {
    type = parseAvroSchema(readPlatformSchema(name), { strictLogicalTypes: true });
    parsed.set(name, type);
  }
  return type;
}
