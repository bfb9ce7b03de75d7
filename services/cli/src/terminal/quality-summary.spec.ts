import { test } from 'node:test';
import assert from 'node:assert/strict';
import { qualityLines } from './quality-summary';

test('a report without alerts is one line: the score and the records that passed', () => {
  assert.deepEqual(qualityLines({ records: 10_000, passed: 9_950, failed: 50, score: 99.8, ok: true, alerts: [] }), [
    'Data quality: score 99.8 of 100; 9,950 of 10,000 records passed every rule; no alerts',
  ]);
});

test('each alert gets a line of its own under the score', () => {
  const lines = qualityLines({
    records: 120,
    passed: 60,
    failed: 60,
    score: 41.5,
    ok: false,
    alerts: ['email is present in 90% of values, below the 95% required', 'quality score 41.5 is below the minimum 80'],
  });
  assert.deepEqual(lines, [
    'Data quality: score 41.5 of 100; 60 of 120 records passed every rule',
    '  ! email is present in 90% of values, below the 95% required',
    '  ! quality score 41.5 is below the minimum 80',
  ]);
});
