import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTransform } from '../compile-transform';
import { fieldSetOf } from '../field-set';

const defaults = (config: Record<string, unknown>) => compileTransform([{ default: config }]);

describe('default', () => {
  test('fills missing and null fields, and leaves every other value alone', () => {
    const step = defaults({ currency: 'USD', 'shipTo.country': 'US', qty: 1 });
    assert.deepEqual(step.run({}).records, [{ currency: 'USD', shipTo: { country: 'US' }, qty: 1 }]);
    assert.deepEqual(step.run({ currency: null, shipTo: null, qty: 0 }).records, [{ currency: 'USD', shipTo: { country: 'US' }, qty: 0 }]);
    assert.deepEqual(step.run({ currency: '', shipTo: { country: 'DE' }, qty: 5 }).records, [{ currency: '', shipTo: { country: 'DE' }, qty: 5 }]);
  });

  test('object and array defaults are copied for every record', () => {
    const step = defaults({ tags: [], meta: { source: 'erp' } });
    const first = step.run({}).records[0] as { tags: string[]; meta: { source: string } };
    first.tags.push('x');
    first.meta.source = 'changed';
    assert.deepEqual(step.run({}).records, [{ tags: [], meta: { source: 'erp' } }]);
  });

  test('a parent that is not a record fails the record', () => {
    assert.deepEqual(defaults({ 'a.b': 1 }).run({ a: 'x' }).reasons, [{ step: 'default', index: 0, field: 'a.b', message: 'cannot set a.b: its parent is a string' }]);
  });

  test('malformed paths are refused when the pipeline compiles', () => {
    assert.throws(() => defaults({ 'a[': 1 }), /\[0\] default\.a\[: /);
  });

  test('a defaulted field is added to the output fields with the type of its value', () => {
    const { fields } = defaults({ currency: 'USD', qty: 1, rate: 0.5, on: true, tags: [], id: 'x' }).outputFields(fieldSetOf({ id: 'long' }));
    assert.deepEqual(fields.entries(), [['id', 'long'], ['currency', 'string'], ['qty', 'long'], ['rate', 'double'], ['on', 'boolean'], ['tags', 'unknown']]);
  });
});
