import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileRules } from '../compile-rules';

describe('unique', () => {
  test('a key seen again inside the window fails; after the window it passes', () => {
    let now = 0;
    const rules = compileRules([{ unique: { field: 'orderId', window: '24h' } }], { now: () => now });
    assert.deepEqual(rules.check({ orderId: 'SO-1' }), []);
    now = 3_600_000;
    assert.deepEqual(rules.check({ orderId: 'SO-1' }).map((r) => r.message), ['orderId "SO-1" was already seen within the last 1d']);
    now += 86_400_000;
    assert.deepEqual(rules.check({ orderId: 'SO-1' }), []);
  });

  test('several fields form one key', () => {
    const rules = compileRules([{ unique: { field: ['orderId', 'lineNumber'], window: '1h' } }], { now: () => 0 });
    assert.deepEqual(rules.check({ orderId: 'A', lineNumber: 1 }), []);
    assert.deepEqual(rules.check({ orderId: 'A', lineNumber: 2 }), []);
    assert.equal(rules.check({ orderId: 'A', lineNumber: 1 }).length, 1);
  });

  test('a number and the same digits as text are one key', () => {
    const rules = compileRules([{ unique: { field: 'id', window: '1h' } }], { now: () => 0 });
    rules.check({ id: 7 });
    assert.equal(rules.check({ id: '7' }).length, 1);
  });

  test('a record without the key is left to notNull', () => {
    const rules = compileRules([{ unique: { field: 'orderId', window: '1h' } }], { now: () => 0 });
    assert.deepEqual(rules.check({}), []);
    assert.deepEqual(rules.check({}), []);
  });

  test('a window that is not a duration is a config error', () => {
    assert.throws(() => compileRules([{ unique: { field: 'orderId', window: 'a day' } }]), /not a duration/);
    assert.throws(() => compileRules([{ unique: { field: 'orderId' } }]), /window/);
  });
});
