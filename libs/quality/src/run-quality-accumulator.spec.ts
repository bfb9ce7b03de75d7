import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileRules } from './compile-rules';
import { qualityScore, type RunStats } from './quality-report';
import { RunQualityAccumulator } from './run-quality-accumulator';

function run(records: Record<string, unknown>[], settings: Record<string, unknown>, history: RunStats[] = [], validate: Record<string, unknown>[] = []) {
  const rules = compileRules(validate);
  const accumulator = new RunQualityAccumulator(settings, rules.rules);
  for (const record of records) accumulator.observe(record, rules.check(record));
  return accumulator.report(history);
}

const orders = (n: number, total = (i: number) => 100 + (i % 7)) =>
  Array.from({ length: n }, (_, i) => ({ orderId: `SO-${i}`, email: i % 10 === 0 ? '' : `c${i}@example.com`, total: total(i) }));

describe('RunQualityAccumulator', () => {
  test('counts passing and failing records and failures per rule', () => {
    const report = run([{ a: 1, b: 1 }, { b: -1 }, { a: 1, b: -2 }, { a: 1, b: 3 }], {}, [], [{ notNull: ['a'] }, { range: { field: 'b', min: 0 } }]);
    assert.equal(report.records, 4);
    assert.equal(report.failed, 2);
    assert.deepEqual(report.rules.map((r) => [r.rule, r.failures, r.failureRate]), [['notNull', 1, 0.25], ['range', 2, 0.5]]);
    assert.equal(report.score, 50, 'only validity is measured: 2 of 4 passed');
    assert.equal(report.ok, false);
  });

  test('completeness below its threshold is an alert; meeting it is full marks', () => {
    const report = run(orders(100), { completeness: { email: 0.95 }, minScore: 0 });
    assert.deepEqual(report.completeness, [{ field: 'email', present: 90, total: 100, rate: 0.9, min: 0.95, ok: false }]);
    assert.match(report.alerts[0], /email is present in 90% of values, below the 95% required/);
    const relaxed = run(orders(100), { completeness: { email: 0.9 } });
    assert.equal(relaxed.completeness[0].ok, true);
    assert.equal(relaxed.score, 100);
  });

  test('completeness of a list field counts every item', () => {
    const report = run([{ lines: [{ sku: 'a' }, { sku: null }] }, { lines: [{ sku: 'b' }] }], { completeness: { 'lines[*].sku': 0.5 } });
    assert.deepEqual([report.completeness[0].present, report.completeness[0].total], [2, 3]);
  });

  test('uniqueness rate is distinct over present values', () => {
    const records = [{ id: 'a' }, { id: 'b' }, { id: 'a' }, { id: 'c' }, {}];
    const report = run(records, { uniqueness: { id: 1 }, minScore: 0 });
    assert.deepEqual(report.uniqueness[0], { field: 'id', distinct: 3, present: 4, rate: 0.75, min: 1, ok: false, estimated: false });
  });

  test('volume and field means are compared with history only once there is enough of it', () => {
    const history: RunStats[] = [1000, 1040, 980, 1010, 995].map((records, i) => ({ records, means: { total: 103 + (i % 2) } }));
    const settings = { anomalies: { fields: ['total'] } };
    assert.deepEqual(run(orders(1000), settings, history.slice(0, 4)).anomalies, []);
    const normal = run(orders(1000), settings, history);
    assert.equal(normal.anomalies.length, 4, 'volume and mean(total), each by z-score and IQR');
    assert.ok(normal.anomalies.every((finding) => !finding.anomalous), JSON.stringify(normal.anomalies));
    assert.equal(normal.ok, true);
  });

  test('a collapsed volume and a shifted mean are anomalies that lower the score and raise alerts', () => {
    const history: RunStats[] = [1000, 1040, 980, 1010, 995, 1020].map((records, i) => ({ records, means: { total: 103 + (i % 2) } }));
    const report = run(orders(120, () => 9_999), { anomalies: { fields: ['total'] } }, history);
    const flagged = report.anomalies.filter((finding) => finding.anomalous).map((finding) => `${finding.metric}/${finding.method}`);
    assert.deepEqual(flagged.sort(), ['mean(total)/iqr', 'mean(total)/zscore', 'volume/iqr', 'volume/zscore']);
    // every record valid (weight 0.5), both compared figures anomalous (weight 0.15): 0.5 / 0.65
    assert.equal(report.score, 76.9);
    assert.ok(report.alerts.some((alert) => /^volume is 120, outside/.test(alert)));
    assert.ok(report.alerts.some((alert) => /^mean\(total\) is 9999/.test(alert)));
    assert.deepEqual(report.stats, { records: 120, means: { total: 9999 } });
  });

  test('an empty run scores on what it has and reports its volume', () => {
    const report = run([], {});
    assert.equal(report.records, 0);
    assert.equal(report.score, 100);
    assert.deepEqual(report.stats, { records: 0, means: {} });
  });

  test('bad settings are refused', () => {
    assert.throws(() => new RunQualityAccumulator({ completeness: { email: 1.5 } }));
    assert.throws(() => new RunQualityAccumulator({ completness: {} } as never));
    assert.throws(() => new RunQualityAccumulator({ anomalies: { fields: ['lines[*'] } }), /expected/);
  });
});

describe('qualityScore', () => {
  test('weights the parts 50/20/15/15 and redistributes missing ones', () => {
    assert.equal(qualityScore({ validity: 1, completeness: 1, uniqueness: 1, anomalyFree: 1 }), 100);
    assert.equal(qualityScore({ validity: 0, completeness: 1, uniqueness: 1, anomalyFree: 1 }), 50);
    assert.equal(qualityScore({ validity: 0.9 }), 90);
    assert.equal(qualityScore({ validity: 1, completeness: 0.5 }), Math.round(((0.5 + 0.1) / 0.7) * 1000) / 10);
    assert.equal(qualityScore({}), 100);
  });
});
