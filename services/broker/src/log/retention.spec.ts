import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_LOG_CONFIG, type LogConfig } from './log-config';
import { segmentsBelowLogStart, segmentsToDelete } from './retention';

const day = 86_400_000;
const now = 100 * day;
/** Four segments of 100 bytes, one day apart, the last one active (not sealed). */
const segments = [0, 1, 2, 3].map((i) => ({ baseOffset: i * 10, size: 100, maxTimestamp: now - (4 - i) * day, sealed: i < 3 }));
const config = (overrides: Partial<LogConfig>): LogConfig => ({ ...DEFAULT_LOG_CONFIG, ...overrides });

describe('retention', () => {
  test('by time, segments whose newest record is older than retention.ms go, oldest first', () => {
    assert.equal(segmentsToDelete(segments, config({ 'retention.ms': 2.5 * day }), now), 2);
    assert.equal(segmentsToDelete(segments, config({ 'retention.ms': 10 * day }), now), 0);
    assert.equal(segmentsToDelete(segments, config({ 'retention.ms': -1 }), now), 0);
  });

  test('by size, the oldest segments go while the rest still reaches retention.bytes', () => {
    assert.equal(segmentsToDelete(segments, config({ 'retention.bytes': 250 }), now), 1);
    assert.equal(segmentsToDelete(segments, config({ 'retention.bytes': 200 }), now), 2);
    assert.equal(segmentsToDelete(segments, config({ 'retention.bytes': 0 }), now), 3);
  });

  test('the active segment and unsealed segments are never deleted', () => {
    assert.equal(segmentsToDelete(segments, config({ 'retention.ms': 0 }), now), 3);
    const unsealed = segments.map((s, i) => ({ ...s, sealed: i < 1 }));
    assert.equal(segmentsToDelete(unsealed, config({ 'retention.ms': 0 }), now), 1);
  });

  test('a compact-only topic keeps everything', () => {
    assert.equal(segmentsToDelete(segments, config({ 'retention.ms': 0, 'cleanup.policy': ['compact'] }), now), 0);
    assert.equal(segmentsToDelete(segments, config({ 'retention.ms': 0, 'cleanup.policy': ['compact', 'delete'] }), now), 3);
  });

  test('segments wholly below the log start offset are found', () => {
    assert.equal(segmentsBelowLogStart(segments, 19), 1);
    assert.equal(segmentsBelowLogStart(segments, 20), 2);
    assert.equal(segmentsBelowLogStart(segments, 1000), 3);
  });
});
