import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { unifiedDiff } from './line-diff';
import { specDiff } from './spec-diff';

describe('diffs between two versions of a spec', () => {
  test('the structural diff names every change by its JSON Pointer, in document order', () => {
    const before = { source: { table: 'orders', key: 'id' }, transform: [{ rename: { a: 'b' } }, { drop: ['x'] }], sinks: [1] };
    const after = { source: { table: 'orders_v2', key: 'id', cursor: 'updated' }, transform: [{ rename: { a: 'c' } }], sinks: [1], 'a/b': true };
    assert.deepEqual(specDiff(before, after), [
      { path: '/source/table', change: 'changed', before: 'orders', after: 'orders_v2' },
      { path: '/source/cursor', change: 'added', after: 'updated' },
      { path: '/transform/0/rename/a', change: 'changed', before: 'b', after: 'c' },
      { path: '/transform/1', change: 'removed', before: { drop: ['x'] } },
      { path: '/a~1b', change: 'added', after: true },
    ]);
    assert.deepEqual(specDiff(before, before), []);
    assert.deepEqual(specDiff({ a: [1] }, { a: { 0: 1 } }), [{ path: '/a', change: 'changed', before: [1], after: { 0: 1 } }]);
  });

  test('the line diff is a unified diff with three lines of context', () => {
    const lines = (n: number, changed: Record<number, string> = {}) => Array.from({ length: n }, (_, i) => changed[i + 1] ?? `line ${i + 1}`).join('\n') + '\n';
    const text = unifiedDiff(lines(20), lines(20, { 5: 'five', 16: 'sixteen' }), { from: 'v1', to: 'v2' });
    assert.equal(
      text,
      ['--- v1', '+++ v2', '@@ -2,7 +2,7 @@', ' line 2', ' line 3', ' line 4', '-line 5', '+five', ' line 6', ' line 7', ' line 8',
        '@@ -13,7 +13,7 @@', ' line 13', ' line 14', ' line 15', '-line 16', '+sixteen', ' line 17', ' line 18', ' line 19', ''].join('\n'),
    );
    assert.equal(unifiedDiff('a\n', 'a\n', { from: 'x', to: 'y' }), '');
    assert.equal(unifiedDiff('', 'a\nb\n', { from: 'x', to: 'y' }), '--- x\n+++ y\n@@ -0,0 +1,2 @@\n+a\n+b\n');
  });

  test('changes close together share one hunk', () => {
    const text = unifiedDiff('a\nb\nc\nd\ne\nf\n', 'A\nb\nc\nd\ne\nF\n', { from: 'x', to: 'y' });
    assert.equal(text, '--- x\n+++ y\n@@ -1,6 +1,6 @@\n-a\n+A\n b\n c\n d\n e\n-f\n+F\n');
  });
});
