import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTransform, TransformCompileError } from '../index';
import { fieldSetOf } from '../field-set';

const set = (config: Record<string, string>, ctx = {}) => compileTransform([{ set: config }], ctx);

describe('set', () => {
  test('sets fields from expressions, in order, so later entries see earlier results', () => {
    const { records } = set({ currency: 'upper(currency)', total: 'round(net + shipping, 2)', 'summary.text': "concat(currency, ' ', total)" }).run({ currency: 'eur', net: 100.5, shipping: 4.99 });
    assert.deepEqual(records, [{ currency: 'EUR', net: 100.5, shipping: 4.99, total: 105.49, summary: { text: 'EUR 105.49' } }]);
  });

  test('a null result stores null', () => {
    assert.deepEqual(set({ x: 'missing' }).run({}).records, [{ x: null }]);
  });

  test('an evaluation error fails the record with the field, the expression and the offset', () => {
    const { records, reasons } = set({ ok: '1', total: 'net * qty' }).run({ net: 'abc', qty: 2 });
    assert.deepEqual(records, []);
    assert.deepEqual(reasons, [{ step: 'set', index: 0, field: 'total', message: "cannot apply * to 'abc' and 2 (in 'net * qty' at offset 4)" }]);
  });

  test('a target whose parent is not a record fails the record', () => {
    assert.deepEqual(set({ 'a.b': '1' }).run({ a: 5 }).reasons, [{ step: 'set', index: 0, field: 'a.b', message: 'cannot set a.b: its parent is a number' }]);
  });

  test('malformed expressions are refused when the pipeline compiles, with their position', () => {
    try {
      set({ fine: '1', total: 'round(net +, 2)' });
      assert.fail('compiled');
    } catch (e) {
      assert.ok(e instanceof TransformCompileError);
      assert.deepEqual(e.problems, [{ index: 0, step: 'set', path: ['set', 'total'], position: 11, message: "invalid expression 'round(net +, 2)': expected a value (a field, number, string or function call), found ',' (at offset 11)" }]);
    }
    assert.throws(() => set({ x: '' }), /\[0\] set\.x: /);
    assert.throws(() => set({ 'lines[*].x': '1' }), /has a \[\*\] wildcard/);
  });

  test('reads lists only the fields the expressions read before this step sets them', () => {
    const step = set({ total: 'net + tax', doubled: 'total * 2' }).steps[0].step;
    assert.deepEqual([...step.reads].sort(), ['net', 'tax']);
    const { errors } = set({ total: 'net + tax' }).outputFields(fieldSetOf({ net: 'double' }));
    assert.deepEqual(errors.map((e) => e.field), ['tax']);
  });

  test('now() uses the clock the pipeline is compiled with', () => {
    assert.deepEqual(set({ at: 'now()' }, { now: () => 42 }).run({}).records, [{ at: 42 }]);
  });
});
