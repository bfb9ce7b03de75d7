import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTable, shortTime } from './table';

test('columns are padded to their widest cell, headers in capitals, no trailing spaces', () => {
  const text = renderTable(['name', 'status', 'note'], [['orders', 'active', null], ['a-much-longer-name', 'paused', 'multi\nline']]);
  assert.equal(text, ['NAME                STATUS  NOTE', 'orders              active  -', 'a-much-longer-name  paused  multi line'].join('\n'));
});

test('objects print as JSON; times drop the T and the milliseconds', () => {
  assert.equal(renderTable(['v'], [[{ a: 1 }]]), 'V\n{"a":1}');
  assert.equal(shortTime('2025-01-15T10:00:00.000Z'), '2025-01-15 10:00:00Z');
  assert.equal(shortTime(null), null);
});
