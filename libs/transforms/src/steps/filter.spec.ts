import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTransform } from '../compile-transform';

const filter = (condition: string) => compileTransform([{ filter: condition }]);

describe('filter', () => {
  test('keeps records for which the condition is true and drops those for which it is false or null', () => {
    const step = filter("status != 'cancelled' and total > 0");
    assert.deepEqual(step.run({ status: 'open', total: 5 }), { records: [{ status: 'open', total: 5 }], reasons: [] });
    assert.deepEqual(step.run({ status: 'cancelled', total: 5 }), { records: [], reasons: [] });
    assert.deepEqual(step.run({ status: 'open' }), { records: [], reasons: [] }, 'null: not known to hold');
  });

  test('a condition that gives no boolean, or fails, fails the record', () => {
    assert.deepEqual(filter('total').run({ total: 5 }).reasons, [{ step: 'filter', index: 0, message: "the condition 'total' must give true, false or null, got 5" }]);
    assert.deepEqual(filter('total > 0').run({ total: 'x' }).reasons, [{ step: 'filter', index: 0, message: "cannot compare 'x' > 0 (in 'total > 0' at offset 6)" }]);
  });

  test('a malformed condition is refused when the pipeline compiles', () => {
    assert.throws(() => filter("status = 'x'"), /\[0\] filter: invalid expression 'status = 'x'': unexpected character '=': use '==' to compare \(at offset 7\)/);
    assert.throws(() => filter(''), /\[0\] filter: /);
  });
});
