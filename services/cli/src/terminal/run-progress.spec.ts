import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunDetail } from '../commands/run-views';
import { LiveBlock, progressLine, progressLines } from './run-progress';

const run = (counts: RunDetail['counts'], status: RunDetail['status'] = 'running'): RunDetail => ({
  id: 'r1',
  pipeline: 'orders',
  pipelineVersion: 1,
  status,
  trigger: 'cli',
  mode: 'full',
  requestedBy: null,
  requestedAt: '2025-01-01T00:00:00.000Z',
  startedAt: null,
  finishedAt: null,
  error: null,
  counts,
  errorSamples: 0,
});

test('each stage gets a bar of the records it took in out of those the source read', () => {
  const lines = progressLines(
    run([
      { stage: 'SOURCE', recordsIn: 0, recordsOut: 1000, errors: 0 },
      { stage: 'TRANSFORM', recordsIn: 500, recordsOut: 457, errors: 3, filtered: 40 },
      { stage: 'TAX_SINK', recordsIn: 0, recordsOut: 0, errors: 0 },
    ]),
    12,
  );
  assert.deepEqual(lines, [
    'Run r1 of orders: running (12s)',
    '  SOURCE                                 1,000 read',
    '  TRANSFORM  [############............]  500 / 1,000  3 errors  40 filtered',
    '  TAX_SINK   [........................]  0 / 1,000',
  ]);
});

test('before any stage reports, the block says so; a stage past the total shows a full bar', () => {
  assert.deepEqual(progressLines(run([]), 0), ['Run r1 of orders: running (0s)', '  (no stage has reported yet)']);
  const [, , over] = progressLines(run([{ stage: 'SOURCE', recordsIn: 0, recordsOut: 10, errors: 0 }, { stage: 'VALIDATE', recordsIn: 12, recordsOut: 12, errors: 0 }]), 1);
  assert.match(over, /\[#{24}\]/);
});

test('the one-line form names every stage with its count, errors and filtered records', () => {
  const line = progressLine(run([{ stage: 'SOURCE', recordsIn: 0, recordsOut: 7, errors: 0 }, { stage: 'VALIDATE', recordsIn: 7, recordsOut: 6, errors: 1 }], 'succeeded'));
  assert.equal(line, 'succeeded: SOURCE 7 | VALIDATE 7 (1 error)');
  const filtered = progressLine(run([{ stage: 'SOURCE', recordsIn: 0, recordsOut: 7, errors: 0 }, { stage: 'TRANSFORM', recordsIn: 7, recordsOut: 4, errors: 1, filtered: 2 }], 'succeeded'));
  assert.equal(filtered, 'succeeded: SOURCE 7 | TRANSFORM 7 (1 error, 2 filtered)');
});

test('a live block moves the cursor back over what it drew and clears each line', () => {
  const written: string[] = [];
  const block = new LiveBlock({ write: (text: string) => written.push(text) } as unknown as NodeJS.WritableStream);
  block.draw(['a', 'b']);
  block.draw(['c']);
  assert.deepEqual(written, ['\x1b[2Ka\n\x1b[2Kb\n', '\x1b[2A\x1b[2Kc\n\x1b[2K\n']);
});

test('once the source is read, a running run says which stage it still waits for', () => {
  const draining = { ...run([{ stage: 'SOURCE', recordsIn: 0, recordsOut: 10, errors: 0 }]), sourceFinishedAt: '2025-01-01T00:00:05.000Z', waitingFor: 'tax-sink' };
  assert.equal(progressLines(draining, 7)[0], 'Run r1 of orders: running (source read; waiting for tax-sink) (7s)');
  assert.equal(progressLine(draining), 'running (source read; waiting for tax-sink): SOURCE 10');
  assert.equal(progressLine({ ...draining, status: 'succeeded' }), 'succeeded: SOURCE 10');
});
