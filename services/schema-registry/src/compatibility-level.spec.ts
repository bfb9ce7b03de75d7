import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseAvroSchema } from '@tributary/avro';
import { checkCompatibility, parseCompatibilityLevel, type CompatibilityLevel, type PreviousSchema } from './compatibility-level';

const user = (...extra: object[]) => JSON.stringify({ type: 'record', name: 'User', fields: [{ name: 'id', type: 'long' }, ...extra] });
const history = (...schemas: string[]): PreviousSchema[] => schemas.map((schema, i) => ({ version: i + 1, schema, type: parseAvroSchema(schema) }));
const check = (level: CompatibilityLevel, next: string, ...before: string[]) => checkCompatibility(level, parseAvroSchema(next), history(...before));

const v1 = user();
const withEmail = user({ name: 'email', type: 'string' });
const withOptionalEmail = user({ name: 'email', type: ['null', 'string'], default: null });

describe('compatibility levels', () => {
  test('BACKWARD: a field added without a default breaks, with a message naming it; with a default it passes', () => {
    const messages = check('BACKWARD', withEmail, v1);
    assert.match(messages[0], /^\{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The new schema cannot read data written with the old schema, at its field 'email'/);
    assert.ok(messages.includes('{oldSchemaVersion: 1}'));
    assert.ok(messages.includes("{compatibility: 'BACKWARD'}"));
    assert.deepEqual(check('BACKWARD', withOptionalEmail, v1), []);
  });

  test('FORWARD is the other direction: removing a field without a default breaks it, adding any field does not', () => {
    assert.deepEqual(check('FORWARD', withEmail, v1), []);
    assert.match(check('FORWARD', v1, withEmail)[0], /The old schema cannot read data written with the new schema, at its field 'email'/);
  });

  test('FULL needs both directions', () => {
    assert.notDeepEqual(check('FULL', withEmail, v1), []);
    assert.deepEqual(check('FULL', withOptionalEmail, v1), []);
  });

  test('plain levels look at the latest version only; transitive ones at every version', () => {
    // v1 -> v2 drops nothing; v3 has a required field that v2 defaulted but v1 never had.
    const v2 = user({ name: 'email', type: 'string', default: '' });
    const v3 = user({ name: 'email', type: 'string' });
    assert.deepEqual(check('BACKWARD', v3, v1, v2), []);
    const transitive = check('BACKWARD_TRANSITIVE', v3, v1, v2);
    assert.ok(transitive.includes('{oldSchemaVersion: 1}'), transitive.join('\n'));
  });

  test('NONE accepts anything, and levels are read in any case', () => {
    assert.deepEqual(check('NONE', '"string"', v1), []);
    assert.equal(parseCompatibilityLevel('full_transitive'), 'FULL_TRANSITIVE');
    assert.equal(parseCompatibilityLevel('sideways'), undefined);
  });
});
