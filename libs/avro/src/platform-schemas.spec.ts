import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Type, types } from 'avsc';
import { PLATFORM_SCHEMA_NAMES, findSchemasDirectory, platformType, readPlatformSchema } from './platform-schemas';
import type { PlatformRecords } from './platform-records';
import { sampleConnectorCursor, sampleErrorRecord, sampleRunEvent, sampleTaxOrder, sampleTaxResult } from './platform-samples';
import { DecimalType } from './logical-types/decimal-type';

const samples: { [N in keyof PlatformRecords]: () => PlatformRecords[N] } = {
  'tax-order': () => sampleTaxOrder(3),
  'tax-result': sampleTaxResult,
  'error-record': sampleErrorRecord,
  'run-event': sampleRunEvent,
  'connector-cursor': sampleConnectorCursor,
};

/** avsc reads records as instances of generated classes; compare them as plain data. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value === null || typeof value !== 'object' || value instanceof Date || Buffer.isBuffer(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
}

describe('platform schemas', () => {
  test('are exactly the .avsc files in schemas/', () => {
    const files = readdirSync(findSchemasDirectory()).filter((f) => f.endsWith('.avsc')).map((f) => f.slice(0, -5));
    assert.deepEqual(files.sort(), [...PLATFORM_SCHEMA_NAMES].sort());
  });

  for (const name of PLATFORM_SCHEMA_NAMES) {
    test(`${name}: a sample of its TypeScript interface reads back equal through the schema`, () => {
      const type = platformType(name);
      const sample = samples[name]();
      assert.ok(type.isValid(sample, { noUndeclaredFields: true }), `${name} sample does not match its schema`);
      assert.deepStrictEqual(plain(type.fromBuffer(type.toBuffer(sample))), plain(sample));
    });

    test(`${name}: every record, field and enum has a doc, in namespace io.tributary`, () => {
      const undocumented: string[] = [];
      const names: string[] = [];
      visit(platformType(name), '', new Set(), (type, path) => {
        if (type.name) names.push(type.name);
        if (type.name && !type.doc) undocumented.push(type.name);
        if (Type.isType(type, 'record')) {
          for (const field of (type as types.RecordType).fields) {
            if (!(field as unknown as { doc?: string }).doc) undocumented.push(`${path}${field.name}`);
          }
        }
      });
      assert.deepEqual(undocumented, []);
      assert.deepEqual(names.filter((n) => !n.startsWith('io.tributary.')), []);
    });
  }

  test('amounts are decimals with explicit precision and scale, never floating point', () => {
    for (const name of PLATFORM_SCHEMA_NAMES) {
      visit(platformType(name), '', new Set(), (type, path) => {
        assert.ok(!Type.isType(type, 'float', 'double'), `${name} ${path} is floating point`);
        if (type instanceof DecimalType) assert.match(JSON.stringify(type.schema({ exportAttrs: true })), /"precision":\d+,"scale":\d+/);
      });
    }
    const text = readPlatformSchema('tax-order') + readPlatformSchema('tax-result');
    assert.doesNotMatch(text, /"logicalType": "decimal"(?![^}]*"scale")/);
  });

  test('ErrorRecord and RunEvent define the same Stage enum, so they cannot drift apart', () => {
    const stageOf = (name: 'error-record' | 'run-event') => {
      let stage: Type | undefined;
      visit(platformType(name), '', new Set(), (type) => {
        if (type.name === 'io.tributary.Stage') stage = type;
      });
      return stage!.schema({ exportAttrs: true });
    };
    assert.deepEqual(stageOf('error-record'), stageOf('run-event'));
  });

  test('the schemas folder is found from the compiled location dist/libs/avro/src as well', () => {
    const root = join(findSchemasDirectory(), '..');
    assert.equal(findSchemasDirectory(join(root, 'dist', 'libs', 'avro', 'src')), join(root, 'schemas'));
    assert.throws(() => findSchemasDirectory('/'), /no schemas\/ folder/);
  });
});

function visit(type: Type, path: string, seen: Set<Type>, onType: (type: Type, path: string) => void): void {
  if (seen.has(type)) return;
  seen.add(type);
  onType(type, path);
  if (Type.isType(type, 'record')) {
    for (const field of (type as types.RecordType).fields) visit(field.type, `${path}${field.name}.`, seen, onType);
  } else if (Type.isType(type, 'union')) {
    for (const branch of (type as types.UnwrappedUnionType).types) visit(branch, path, seen, onType);
  } else if (Type.isType(type, 'array')) {
    visit((type as types.ArrayType).itemsType, path, seen, onType);
  } else if (Type.isType(type, 'map')) {
    visit((type as types.MapType).valuesType, path, seen, onType);
  }
}
