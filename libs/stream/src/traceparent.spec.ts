import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { childTraceparent, newTraceparent, parseTraceparent } from './traceparent';

const TRACE = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('W3C traceparent', () => {
  test('parses the spec’s example into trace id, parent id and flags', () => {
    assert.deepEqual(parseTraceparent(TRACE), { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', parentId: '00f067aa0ba902b7', flags: '01' });
  });

  test('refuses what the spec calls invalid: upper case, all-zero ids, version ff, a version-00 header with more fields', () => {
    for (const bad of [TRACE.toUpperCase(), `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`, `00-4bf92f3577b34da6a3ce929d0e0e4736-${'0'.repeat(16)}-01`,
      TRACE.replace(/^00/, 'ff'), `${TRACE}-extra`, '', 'not a traceparent']) {
      assert.equal(parseTraceparent(bad), undefined, bad);
    }
  });

  test('reads a later version by its first four fields (forward compatibility)', () => {
    assert.equal(parseTraceparent(`01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-future`)?.traceId, '4bf92f3577b34da6a3ce929d0e0e4736');
  });

  test('the next hop keeps the trace id and flags and gets a new parent id', () => {
    const child = parseTraceparent(childTraceparent(TRACE))!;
    assert.equal(child.traceId, '4bf92f3577b34da6a3ce929d0e0e4736');
    assert.equal(child.flags, '01');
    assert.notEqual(child.parentId, '00f067aa0ba902b7');
  });

  test('a new trace is valid and a malformed parent starts one', () => {
    assert.ok(parseTraceparent(newTraceparent()));
    assert.ok(parseTraceparent(childTraceparent('garbage')));
  });

  test('ids stay valid and distinct across many draws of the entropy buffer (a thousand traces, ~6 refills)', () => {
    const parsed = Array.from({ length: 1000 }, () => parseTraceparent(newTraceparent()));
    assert.ok(parsed.every((p) => p !== undefined));
    assert.equal(new Set(parsed.map((p) => p!.traceId)).size, 1000);
    assert.equal(new Set(parsed.map((p) => p!.parentId)).size, 1000);
    const children = new Set(Array.from({ length: 1000 }, () => parseTraceparent(childTraceparent(TRACE))!.parentId));
    assert.equal(children.size, 1000);
  });
});
