import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTransform } from './compile-transform';
import { fieldSetOf, openFieldSet } from './field-set';
import { STEP_DEFINITIONS } from './step-list';
import { TransformCompileError } from './transform-compile-error';
import type { TransformProblem } from './types';

function problems(steps: unknown[]): TransformProblem[] {
  try {
    compileTransform(steps as Record<string, unknown>[]);
  } catch (e) {
    assert.ok(e instanceof TransformCompileError);
    return [...e.problems];
  }
  assert.fail('compiled');
}

describe('compileTransform', () => {
  test('every step the issue lists is registered, once', () => {
    const names = STEP_DEFINITIONS.map((d) => d.name);
    assert.deepEqual(names, [...new Set(names)]);
    for (const name of ['rename', 'select', 'drop', 'set', 'default', 'coalesce', 'cast', 'trim', 'upper', 'lower', 'replace', 'regexExtract', 'split', 'concat', 'flatten', 'nest', 'explode', 'lookup', 'convertCurrency', 'filter', 'mapToSchema']) {
      assert.ok(names.includes(name), name);
    }
  });

  test('runs the steps in order, each on what the one before emitted', () => {
    const transform = compileTransform([{ rename: { order_id: 'orderId' } }, { set: { total: 'net + tax' } }, { filter: 'total > 10' }, { drop: ['net', 'tax'] }]);
    assert.deepEqual(JSON.parse(JSON.stringify(transform.run({ order_id: 1, net: 10, tax: 1 }))), { records: [{ orderId: 1, total: 11 }], reasons: [] });
    assert.deepEqual(transform.run({ order_id: 2, net: 1, tax: 1 }), { records: [], reasons: [] });
    assert.deepEqual(compileTransform([]).run({ a: 1 }), { records: [{ a: 1 }], reasons: [] });
  });

  test('reports every problem of the list at once, located by index and config path', () => {
    assert.deepEqual(problems([{ renmae: { a: 'b' } }, { set: { x: 'a +' } }, 'trim', { cast: { a: 'int' }, drop: ['b'] }, {}, { cast: { a: 'integer' } }]), [
      { index: 0, step: 'renmae', path: ['renmae'], message: "unknown step 'renmae'; did you mean 'rename'?" },
      { index: 1, step: 'set', path: ['set', 'x'], position: 3, message: "invalid expression 'a +': expected a value (a field, number, string or function call), found the end of the expression (at offset 3)" },
      { index: 2, step: '', path: [], message: 'a step must be an object with one key, the step name: { rename: {...} }' },
      { index: 3, step: '', path: [], message: "a step has one key, the step name; found 'cast', 'drop'" },
      { index: 4, step: '', path: [], message: 'empty step: expected one key, the step name' },
      { index: 5, step: 'cast', path: ['cast', 'a'], message: problems([{ cast: { a: 'integer' } }])[0].message },
    ]);
    assert.deepEqual(problems('not a list' as unknown as unknown[]), [{ index: 0, step: '', path: [], message: 'transform must be a list of steps' }]);
  });

  test('the error message lists every problem', () => {
    assert.throws(() => compileTransform([{ trim: 'a[' }, { upper: 'b[' }]), /^TransformCompileError: transform has 2 problems:\n {2}\[0\] trim: .*\n {2}\[1\] upper: /);
  });

  test('the static check names each step that reads a field nothing produces, and the fields that come out', () => {
    const transform = compileTransform([{ rename: { cust_no: 'customerId' } }, { set: { total: 'net + shipping' } }, { upper: 'currency' }]);
    const { fields, errors } = transform.outputFields(fieldSetOf({ cust_no: 'string', net: 'double' }));
    assert.deepEqual(errors, [
      { step: 'set', index: 1, field: 'shipping', message: "reads 'shipping', which neither the source nor an earlier step produces" },
      { step: 'upper', index: 2, field: 'currency', message: "reads 'currency', which neither the source nor an earlier step produces" },
    ]);
    assert.deepEqual(fields.entries().map(([p]) => p), ['net', 'customerId', 'total']);
    assert.deepEqual(transform.outputFields(openFieldSet()).errors, [], 'an unknown source schema cannot be checked');
  });

  test('a step that throws fails its record with an internal error instead of escaping', () => {
    const transform = compileTransform([{ set: { x: '1' } }, { set: { y: '2' } }]);
    // the chain calls each step object's apply, so replacing it simulates a step with a bug
    (transform.steps[1].step as { apply: unknown }).apply = () => {
      throw new TypeError('step bug');
    };
    assert.deepEqual(transform.run({}), { records: [], reasons: [{ step: 'set', index: 1, message: 'internal error: step bug' }] });
  });
});
