import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startCursor, type StartInput } from './start-cursor';
import type { StoredCursor } from './stored-cursor';

const stored = (fields: Partial<StoredCursor> = {}): StoredCursor => ({
  tenant: 'acme', pipeline: 'erp', connector: 'postgres', stream: 'public.orders', cursorField: 'updated_at',
  cursorValue: '2024-03-05T10:00:00.000000Z', lastKey: '42', state: {}, runId: 'run-1', updatedAt: new Date(), ...fields,
});
const input = (fields: Partial<StartInput>): StartInput => ({ runId: 'run-2', runMode: 'INCREMENTAL', sourceMode: 'incremental', connector: 'postgres', cursorField: 'updated_at', ...fields });

describe('where a run starts reading', () => {
  test('an incremental run continues from the stored cursor; the first one, with none, reads everything', () => {
    assert.deepEqual(startCursor(input({ stored: stored() })), { cursor: { cursorValue: '2024-03-05T10:00:00.000000Z', lastKey: '42', state: {} }, because: 'incremental' });
    assert.deepEqual(startCursor(input({})), { because: 'first-incremental' });
  });

  test('a run whose request came again resumes from its own cursor, full or not', () => {
    const own = stored({ runId: 'run-2', cursorValue: null, cursorField: null, lastKey: '7' });
    assert.deepEqual(startCursor(input({ runMode: 'FULL', sourceMode: 'full', cursorField: undefined, stored: own })).because, 'resume');
    assert.equal(startCursor(input({ runMode: 'FULL', sourceMode: 'full', cursorField: undefined, stored: own })).cursor?.lastKey, '7');
  });

  test("a full run, or a full source, starts afresh; a cursor of another connector or cursor field is not used", () => {
    assert.deepEqual(startCursor(input({ runMode: 'FULL', stored: stored() })), { because: 'full' });
    assert.deepEqual(startCursor(input({ sourceMode: 'full', cursorField: undefined, stored: stored({ cursorField: null }) })), { because: 'full' });
    assert.deepEqual(startCursor(input({ stored: stored({ connector: 'mysql' }) })), { because: 'source-changed' });
    assert.deepEqual(startCursor(input({ cursorField: 'modified', stored: stored() })), { because: 'source-changed' });
  });
});
