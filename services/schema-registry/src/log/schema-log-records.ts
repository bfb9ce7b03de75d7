import type { SchemaReference } from '../canonical-avro-schema';
import { parseCompatibilityLevel, type CompatibilityLevel } from '../compatibility-level';
import { parseRegistryMode, type RegistryMode } from '../registry-mode';

/**
 * Records of the `_schemas` topic, in Confluent Schema Registry's own format, so the topic reads
 * the same to either registry. Keys and values are JSON; keys keep Confluent's field order
 * because compaction compares key bytes:
 *
 *   SCHEMA          {"keytype":"SCHEMA","subject":"s","version":1,"magic":1}
 *                   -> {"subject":"s","version":1,"id":7,"schema":"...","deleted":false}   (null: hard delete)
 *   CONFIG          {"keytype":"CONFIG","subject":null,"magic":0}   (subject null: the global config)
 *                   -> {"compatibilityLevel":"FULL"}                                      (null: back to the default)
 *   MODE            {"keytype":"MODE","subject":null,"magic":0} -> {"mode":"READONLY"}
 *   DELETE_SUBJECT  {"keytype":"DELETE_SUBJECT","subject":"s","magic":0}
 *                   -> {"subject":"s","version":3}   (soft delete of every version up to 3)
 *   NOOP            {"keytype":"NOOP","magic":0}     (Confluent's marker; carries nothing)
 */
export type SchemaLogKey =
  | { readonly keytype: 'SCHEMA'; readonly subject: string; readonly version: number }
  | { readonly keytype: 'CONFIG' | 'MODE'; readonly subject: string | null }
  | { readonly keytype: 'DELETE_SUBJECT' | 'CLEAR_SUBJECT'; readonly subject: string }
  | { readonly keytype: 'NOOP' };

export interface SchemaValue {
  readonly subject: string;
  readonly version: number;
  readonly id: number;
  readonly schema: string;
  readonly schemaType: string;
  readonly references: readonly SchemaReference[];
  readonly deleted: boolean;
}

export interface ConfigValue {
  readonly compatibilityLevel?: CompatibilityLevel;
  readonly normalize?: boolean;
}

/** One decoded record; `value` null is a tombstone. */
export type SchemaLogEntry =
  | { readonly keytype: 'SCHEMA'; readonly subject: string; readonly version: number; readonly value: SchemaValue | null }
  | { readonly keytype: 'CONFIG'; readonly subject: string | null; readonly value: ConfigValue | null }
  | { readonly keytype: 'MODE'; readonly subject: string | null; readonly value: RegistryMode | null }
  | { readonly keytype: 'DELETE_SUBJECT'; readonly subject: string; readonly version: number | null }
  | { readonly keytype: 'CLEAR_SUBJECT' | 'NOOP' };

export function encodeKey(key: SchemaLogKey): Buffer {
  const json =
    key.keytype === 'SCHEMA' ? { keytype: key.keytype, subject: key.subject, version: key.version, magic: 1 }
      : key.keytype === 'NOOP' ? { keytype: key.keytype, magic: 0 }
        : { keytype: key.keytype, subject: key.subject, magic: 0 };
  return Buffer.from(JSON.stringify(json));
}

export function encodeSchemaValue(value: SchemaValue): Buffer {
  return Buffer.from(JSON.stringify({
    subject: value.subject,
    version: value.version,
    id: value.id,
    ...(value.schemaType !== 'AVRO' ? { schemaType: value.schemaType } : {}),
    ...(value.references.length > 0 ? { references: value.references } : {}),
    schema: value.schema,
    deleted: value.deleted,
  }));
}

export function encodeConfigValue(value: ConfigValue): Buffer {
  return Buffer.from(JSON.stringify(value));
}

export function encodeModeValue(mode: RegistryMode): Buffer {
  return Buffer.from(JSON.stringify({ mode }));
}

export function encodeDeleteSubjectValue(subject: string, version: number): Buffer {
  return Buffer.from(JSON.stringify({ subject, version }));
}

/** Decodes one record; throws an Error saying what is wrong with it (the reader logs and skips it). */
export function decodeRecord(keyBytes: Buffer | null, valueBytes: Buffer | null): SchemaLogEntry {
  const key = parseObject(keyBytes, 'key');
  const value = valueBytes === null || valueBytes.length === 0 ? null : parseObject(valueBytes, 'value');
  const subject = key.subject === null || key.subject === undefined ? null : requireString(key.subject, 'key subject');
  switch (key.keytype) {
    case 'SCHEMA': {
      const version = requireWholeNumber(key.version, 'key version');
      return { keytype: 'SCHEMA', subject: requireString(subject, 'key subject'), version, value: value && schemaValue(value) };
    }
    case 'CONFIG':
      return { keytype: 'CONFIG', subject, value: value && configValue(value) };
    case 'MODE': {
      const mode = value && parseRegistryMode(value.mode);
      if (value && !mode) throw new Error(`unknown mode ${JSON.stringify(value.mode)}`);
      return { keytype: 'MODE', subject, value: mode ?? null };
    }
    case 'DELETE_SUBJECT':
      return {
        keytype: 'DELETE_SUBJECT',
        subject: requireString(subject, 'key subject'),
        version: value && requireWholeNumber(value.version, 'value version'),
      };
    case 'CLEAR_SUBJECT':
    case 'NOOP':
      return { keytype: key.keytype };
    default:
      throw new Error(`unknown keytype ${JSON.stringify(key.keytype)}`);
  }
}

function schemaValue(value: Record<string, unknown>): SchemaValue {
  const references = value.references ?? [];
  if (!Array.isArray(references)) throw new Error('value references is not an array');
  return {
    subject: requireString(value.subject, 'value subject'),
    version: requireWholeNumber(value.version, 'value version'),
    id: requireWholeNumber(value.id, 'value id'),
    schema: requireString(value.schema, 'value schema'),
    schemaType: typeof value.schemaType === 'string' ? value.schemaType : 'AVRO',
    references: references.map((r: Record<string, unknown>) => ({
      name: requireString(r?.name, 'reference name'),
      subject: requireString(r?.subject, 'reference subject'),
      version: requireWholeNumber(r?.version, 'reference version'),
    })),
    deleted: value.deleted === true,
  };
}

function configValue(value: Record<string, unknown>): ConfigValue {
  const compatibilityLevel = parseCompatibilityLevel(value.compatibilityLevel);
  if (value.compatibilityLevel !== undefined && value.compatibilityLevel !== null && !compatibilityLevel) {
    throw new Error(`unknown compatibilityLevel ${JSON.stringify(value.compatibilityLevel)}`);
  }
  return {
    ...(compatibilityLevel ? { compatibilityLevel } : {}),
    ...(typeof value.normalize === 'boolean' ? { normalize: value.normalize } : {}),
  };
}

function parseObject(bytes: Buffer | null, what: string): Record<string, unknown> {
  if (bytes === null) throw new Error(`${what} is null`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new Error(`${what} is not JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${what} is not a JSON object`);
  return parsed as Record<string, unknown>;
}

function requireString(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new Error(`${what} is not a string`);
  return value;
}

function requireWholeNumber(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new Error(`${what} is not a whole number`);
  return value;
}
