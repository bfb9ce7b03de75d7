import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { decodeRecord, encodeConfigValue, encodeDeleteSubjectValue, encodeKey, encodeModeValue, encodeSchemaValue } from './schema-log-records';

describe('_schemas records', () => {
  test('keys are byte for byte what Confluent writes, so compaction lines them up with its records', () => {
    assert.equal(encodeKey({ keytype: 'SCHEMA', subject: 'orders-value', version: 3 }).toString(),
      '{"keytype":"SCHEMA","subject":"orders-value","version":3,"magic":1}');
    assert.equal(encodeKey({ keytype: 'CONFIG', subject: null }).toString(), '{"keytype":"CONFIG","subject":null,"magic":0}');
    assert.equal(encodeKey({ keytype: 'DELETE_SUBJECT', subject: 's' }).toString(), '{"keytype":"DELETE_SUBJECT","subject":"s","magic":0}');
    assert.equal(encodeKey({ keytype: 'NOOP' }).toString(), '{"keytype":"NOOP","magic":0}');
  });

  test('a schema value written by Confluent (with its md5 and without deleted) reads back', () => {
    const key = Buffer.from('{"keytype":"SCHEMA","subject":"t","version":1,"magic":1}');
    const value = Buffer.from('{"subject":"t","version":1,"id":21,"md5":"abc","schema":"\\"string\\""}');
    assert.deepEqual(decodeRecord(key, value), {
      keytype: 'SCHEMA', subject: 't', version: 1,
      value: { subject: 't', version: 1, id: 21, schema: '"string"', schemaType: 'AVRO', references: [], deleted: false },
    });
  });

  test('every value round-trips, and a null value is a tombstone', () => {
    const schema = { subject: 's', version: 2, id: 5, schema: '"int"', schemaType: 'AVRO', references: [{ name: 'n', subject: 'r', version: 1 }], deleted: true };
    const schemaKey = encodeKey({ keytype: 'SCHEMA', subject: 's', version: 2 });
    assert.deepEqual(decodeRecord(schemaKey, encodeSchemaValue(schema)), { keytype: 'SCHEMA', subject: 's', version: 2, value: schema });
    assert.deepEqual(decodeRecord(schemaKey, null), { keytype: 'SCHEMA', subject: 's', version: 2, value: null });
    assert.deepEqual(decodeRecord(encodeKey({ keytype: 'CONFIG', subject: 's' }), encodeConfigValue({ compatibilityLevel: 'FULL' })),
      { keytype: 'CONFIG', subject: 's', value: { compatibilityLevel: 'FULL' } });
    assert.deepEqual(decodeRecord(encodeKey({ keytype: 'MODE', subject: null }), encodeModeValue('READONLY')),
      { keytype: 'MODE', subject: null, value: 'READONLY' });
    assert.deepEqual(decodeRecord(encodeKey({ keytype: 'DELETE_SUBJECT', subject: 's' }), encodeDeleteSubjectValue('s', 4)),
      { keytype: 'DELETE_SUBJECT', subject: 's', version: 4 });
  });

  test('a record it cannot read is refused with a reason, never half-read', () => {
    assert.throws(() => decodeRecord(Buffer.from('not json'), null), /key is not JSON/);
    assert.throws(() => decodeRecord(Buffer.from('{"keytype":"SOMETHING_NEW","magic":0}'), null), /unknown keytype/);
    assert.throws(() => decodeRecord(encodeKey({ keytype: 'SCHEMA', subject: 's', version: 1 }), Buffer.from('{"subject":"s","version":1}')), /value id/);
    assert.throws(() => decodeRecord(encodeKey({ keytype: 'CONFIG', subject: null }), Buffer.from('{"compatibilityLevel":"SIDEWAYS"}')), /compatibilityLevel/);
  });
});
