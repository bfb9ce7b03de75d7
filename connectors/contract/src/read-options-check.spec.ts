import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectorError } from './connector-error';
import { checkReadOptions, resolveStreamName } from './read-options-check';
import { START_CURSOR } from './source-cursor';
import type { ReadOptions } from './source-connector';

const base: ReadOptions = { stream: 'public.orders', mode: 'full', batchSize: 100 };
const configError = (pattern: RegExp) => (e: unknown) => e instanceof ConnectorError && e.code === 'config' && !e.retriable && pattern.test(e.message);

describe('checkReadOptions', () => {
  test('starts from the start when given no cursor, and from the cursor when given one', () => {
    assert.equal(checkReadOptions(base), START_CURSOR);
    const cursor = { cursorValue: '2024-01-01T00:00:00Z', lastKey: '7', state: {} };
    assert.equal(checkReadOptions({ ...base, cursor }), cursor);
  });

  test('names the option at fault', () => {
    assert.throws(() => checkReadOptions({ ...base, batchSize: 0 }), configError(/batchSize must be an integer from 1/));
    assert.throws(() => checkReadOptions({ ...base, batchSize: 1.5 }), configError(/batchSize/));
    assert.throws(() => checkReadOptions({ ...base, mode: 'delta' as never }), configError(/mode must be 'full' or 'incremental', got "delta"/));
    assert.throws(() => checkReadOptions({ ...base, stream: '' }), configError(/stream must be/));
    assert.throws(() => checkReadOptions({ ...base, keyField: '' }), configError(/keyField must be a field name/));
    assert.throws(() => checkReadOptions({ ...base, cursor: { cursorValue: 5 } as never }), configError(/cursor is not a cursor/));
  });
});

describe('resolveStreamName', () => {
  const names = ['public.orders', 'sales.orders', 'public.customers', 'open_orders'];

  test('takes an exact name or a unique table name without its schema', () => {
    assert.equal(resolveStreamName(names, 'sales.orders'), 'sales.orders');
    assert.equal(resolveStreamName(names, 'customers'), 'public.customers');
    assert.equal(resolveStreamName(names, 'open_orders'), 'open_orders');
  });

  test('refuses an ambiguous name and an unknown one, listing the streams', () => {
    assert.throws(() => resolveStreamName(names, 'orders'), configError(/ambiguous: public.orders, sales.orders/));
    assert.throws(() => resolveStreamName(names, 'orders; DROP TABLE x'), (e: unknown) => e instanceof ConnectorError && e.code === 'not-found' && /the streams are public.orders/.test(e.message));
  });
});
