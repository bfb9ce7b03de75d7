import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseFieldPath } from './field-path';
import { compileSetter } from './path-write';
import { compileTargetWriters } from './target-writers';

const paths = (...texts: string[]) => texts.map(parseFieldPath);

/** Writes values in order with compileSetter, stopping at the first failure, as the steps did. */
function oneByOne(texts: string[], record: Record<string, unknown>, values: unknown[]): string | undefined {
  const setters = paths(...texts).map(compileSetter);
  for (let i = 0; i < setters.length; i++) {
    const failure = setters[i](record, values[i]);
    if (failure !== undefined) return `${i}: ${failure}`;
  }
  return undefined;
}

function together(texts: string[], record: Record<string, unknown>, values: unknown[]): string | undefined {
  const writers = compileTargetWriters(paths(...texts));
  try {
    for (let i = 0; i < texts.length; i++) {
      const failure = writers.set(record, i, values[i]);
      if (failure !== undefined) return `${i}: ${failure}`;
    }
    return undefined;
  } finally {
    writers.reset();
  }
}

describe('compileTargetWriters', () => {
  test('targets under one parent create it once, where the first of them would', () => {
    const record: Record<string, unknown> = { id: 1 };
    assert.equal(together(['shipTo.city', 'name', 'shipTo.zip', 'customer.exemption.code', 'customer.id'], record, ['Austin', 'n', '78701', 'EX', 'C1']), undefined);
    assert.equal(JSON.stringify(record), '{"id":1,"shipTo":{"city":"Austin","zip":"78701"},"name":"n","customer":{"exemption":{"code":"EX"},"id":"C1"}}');
  });

  test('a parent that is not a record fails the target that needs it, with the setter message', () => {
    const record = { shipTo: 'text' };
    assert.equal(together(['a', 'shipTo.city'], record, [1, 'x']), '1: cannot set shipTo.city: its parent is a string');
    assert.equal(oneByOne(['a', 'shipTo.city'], { shipTo: 'text' }, [1, 'x']), '1: cannot set shipTo.city: its parent is a string');
  });

  test('a target that replaces another target parent is written as before, so the later write lands in the new value', () => {
    const record: Record<string, unknown> = {};
    const replacement = { kept: true };
    assert.equal(together(['shipTo.city', 'shipTo', 'shipTo.zip'], record, ['Austin', replacement, '78701']), undefined);
    assert.deepEqual(record, { shipTo: { kept: true, zip: '78701' } });
  });

  test('a function where a parent should be is replaced by a record, as the setter does', () => {
    const record: Record<string, unknown> = { shipTo: () => 1 };
    assert.equal(together(['shipTo.city'], record, ['Austin']), undefined);
    assert.deepEqual(record, { shipTo: { city: 'Austin' } });
  });

  test('the parents are found again for each record after reset', () => {
    const writers = compileTargetWriters(paths('a.b', 'a.c'));
    const first: Record<string, unknown> = {};
    const second: Record<string, unknown> = {};
    writers.set(first, 0, 1);
    writers.reset();
    writers.set(second, 1, 2);
    writers.reset();
    assert.deepEqual([first, second], [{ a: { b: 1 } }, { a: { c: 2 } }]);
  });

  test('any list of targets leaves any record as writing them one by one does, failures included', () => {
    const key = fc.constantFrom('a', 'b', 'c', 'constructor', '__proto__');
    const target = fc.array(key, { minLength: 1, maxLength: 3 }).map((keys) => keys.map((k) => (k === '__proto__' ? `["${k}"]` : k)).join('.').replace(/\.\[/g, '['));
    const leaf = fc.oneof(fc.constant(null), fc.integer(), fc.string({ maxLength: 2 }), fc.constant([1]));
    const tree = fc.letrec((tie) => ({ node: fc.oneof({ depthSize: 'small' }, leaf, fc.dictionary(key, tie('node'), { maxKeys: 3 })) })).node;
    const record = fc.dictionary(key, tree, { maxKeys: 4 });
    // every value its own copy (fc.constant hands out one object), so no write makes a cycle
    const copies = (values: unknown[]) => values.map((v) => structuredClone(v));
    fc.assert(
      fc.property(fc.array(target, { minLength: 1, maxLength: 6 }), record, fc.array(fc.oneof(leaf, fc.constant({ x: 1 })), { minLength: 6, maxLength: 6 }), (texts, input, values) => {
        const a = structuredClone(input) as Record<string, unknown>;
        const b = structuredClone(input) as Record<string, unknown>;
        assert.equal(together(texts, a, copies(values)), oneByOne(texts, b, copies(values)));
        assert.equal(JSON.stringify(a), JSON.stringify(b));
        assert.deepEqual(a, b);
      }),
      { numRuns: 500 },
    );
  });
});
