import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileRules } from '../compile-rules';

const messages = (config: Record<string, unknown>, value: unknown) => compileRules([{ pattern: { field: 'zip', ...config } }]).check({ zip: value }).map((r) => r.message);

describe('pattern', () => {
  test('text matching the expression passes, other text fails with the expression', () => {
    assert.deepEqual(messages({ regex: '^[0-9]{5}$' }, '02134'), []);
    assert.deepEqual(messages({ regex: '^[0-9]{5}$' }, '2134'), ['zip is "2134", which does not match /^[0-9]{5}$/']);
  });

  test('numbers are tested as their decimal text, objects are not text', () => {
    assert.deepEqual(messages({ regex: '^[0-9]{5}$' }, 90210), []);
    assert.deepEqual(messages({ regex: '^[0-9]{5}$' }, { code: 1 }), ['zip is {"code":1}, not text']);
  });

  test('flags apply', () => {
    assert.deepEqual(messages({ regex: '^[a-z]+$', flags: 'i' }, 'ABC'), []);
  });

  test('text over maxLength fails without being matched', () => {
    assert.match(messages({ regex: '^a+$', maxLength: 10 }, 'a'.repeat(11))[0], /11 characters long/);
  });

  test('a malformed expression or an unsupported flag is a config error', () => {
    assert.throws(() => messages({ regex: '^[0-9{5}$(' }, 'x'), /not a valid regular expression/);
    assert.throws(() => messages({ regex: 'a', flags: 'g' }, 'x'), /flags/);
  });
});
