import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { iqrFinding, quantile, zScoreFinding } from './anomaly';

const dailyVolumes = [1000, 1040, 980, 1010, 995, 1025, 990];

describe('zScoreFinding', () => {
  test('a value far from the history mean is an anomaly and a close one is not', () => {
    const far = zScoreFinding('volume', 200, dailyVolumes, 3)!;
    assert.equal(far.anomalous, true);
    assert.ok(far.score > 3);
    const near = zScoreFinding('volume', 1015, dailyVolumes, 3)!;
    assert.equal(near.anomalous, false);
    assert.ok(near.lower < 1015 && 1015 < near.upper);
  });

  test('with fewer than two earlier runs there is nothing to compare against', () => {
    assert.equal(zScoreFinding('volume', 5, [10], 3), undefined);
  });

  test('a history with no spread flags any change and accepts the same value', () => {
    assert.equal(zScoreFinding('volume', 100, [100, 100, 100], 3)!.anomalous, false);
    assert.equal(zScoreFinding('volume', 101, [100, 100, 100], 3)!.score, Infinity);
  });
});

describe('iqrFinding', () => {
  test('Tukey fences flag a value beyond Q3 + 1.5 IQR', () => {
    const finding = iqrFinding('mean(total)', 2000, dailyVolumes, 1.5)!;
    assert.equal(finding.anomalous, true);
    assert.equal(finding.upper, quantile([...dailyVolumes].sort((a, b) => a - b), 0.75) + 1.5 * (1017.5 - 992.5));
  });

  test('one past outlier does not widen the fences the way it widens the z-score band', () => {
    const history = [...dailyVolumes, 10_000];
    assert.equal(zScoreFinding('volume', 2000, history, 3)!.anomalous, false);
    assert.equal(iqrFinding('volume', 2000, history, 1.5)!.anomalous, true);
  });

  test('with fewer than four earlier runs the quartiles mean nothing', () => {
    assert.equal(iqrFinding('volume', 5, [1, 2, 3], 1.5), undefined);
  });
});

describe('quantile', () => {
  test('interpolates like numpy: median of 1..4 is 2.5, quartiles 1.75 and 3.25', () => {
    assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
    assert.equal(quantile([1, 2, 3, 4], 0.25), 1.75);
    assert.equal(quantile([1, 2, 3, 4], 0.75), 3.25);
  });

  test('the history\'s own median is never an IQR anomaly', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 8, maxLength: 50 }), (history) => {
        const sorted = [...history].sort((a, b) => a - b);
        const median = quantile(sorted, 0.5);
        const finding = iqrFinding('m', median, history, 1.5)!;
        assert.equal(finding.anomalous, false);
      }),
    );
  });
});
