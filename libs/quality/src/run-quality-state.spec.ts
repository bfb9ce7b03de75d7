import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { compileRules } from './compile-rules';
import { RunQualityAccumulator } from './run-quality-accumulator';
import { runQualitySettingsSchema } from './run-quality-settings';
import { mergeRunQualityStates, qualityReportOf } from './run-quality-state';
import { runQualityFromWire, runQualityToWire, RunQualityWireError } from './run-quality-wire';

const SETTINGS = { completeness: { email: 0.95 }, uniqueness: { orderId: 1, email: 0.5 }, anomalies: { fields: ['total'] }, minScore: 0 };
const VALIDATE = [{ notNull: ['orderId'] }, { range: { field: 'total', min: 0 } }];

/** n orders: every tenth without an email, every 25th with a negative total, emails repeat every 40. */
const orders = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ orderId: `SO-${i}`, email: i % 10 === 0 ? '' : `c${i % 40}@example.com`, total: i % 25 === 0 ? -1 : 100 + (i % 7) }));

function accumulate(records: Record<string, unknown>[]): RunQualityAccumulator {
  const rules = compileRules(VALIDATE);
  const accumulator = new RunQualityAccumulator(SETTINGS, rules.rules);
  for (const record of records) accumulator.observe(record, rules.check(record));
  return accumulator;
}

describe('run quality figures of several validator instances', () => {
  const settings = runQualitySettingsSchema.parse(SETTINGS);

  test("one instance's figures make the report it would give itself, exact", () => {
    const alone = accumulate(orders(1000));
    const merged = qualityReportOf(settings, mergeRunQualityStates([alone.state()]));
    assert.deepEqual(merged, alone.report());
    assert.equal(merged.uniqueness[0].estimated, false);
  });

  test("instances that each checked a share of the run's records add up to the whole run", () => {
    const all = orders(3000);
    // As partitions split a run: by key, so one order is always on the same instance.
    const shares = [0, 1, 2].map((k) => all.filter((_, i) => i % 3 === k));
    const merged = qualityReportOf(settings, mergeRunQualityStates(shares.map((share) => accumulate(share).state())));
    const whole = accumulate(all).report();
    for (const part of ['records', 'failed', 'passed', 'rules', 'completeness', 'stats'] as const) assert.deepEqual(merged[part], whole[part], part);
    const [orderIds, emails] = merged.uniqueness;
    assert.equal(orderIds.estimated, true, 'three sketches merged');
    assert.ok(Math.abs(orderIds.distinct - 3000) <= 60, `about 3,000 distinct order ids: ${orderIds.distinct}`);
    // Each email value is on all three instances: added up, each would count three times.
    const distinctEmails = new Set(all.map((o) => o.email).filter((e) => e !== '')).size;
    assert.equal(emails.distinct, distinctEmails, `an email seen by every instance is counted once`);
    assert.deepEqual(merged.alerts, whole.alerts);
  });

  test('the figures cross the wire and back unchanged, a small run in little space', () => {
    const state = accumulate(orders(500)).state();
    const wire = runQualityToWire(state);
    assert.ok(wire.uniqueness[0].sketch.length < 2_000, `500 values' sketch deflates to ${wire.uniqueness[0].sketch.length} bytes`);
    assert.equal(typeof wire.sums[0].sum, 'string');
    assert.deepEqual(runQualityFromWire(wire), state);
  });

  test('figures that cannot be a run\'s are refused, naming the part at fault', () => {
    const wire = runQualityToWire(accumulate(orders(100)).state());
    const refused = (change: object, message: RegExp) => assert.throws(() => runQualityFromWire({ ...wire, ...change }), (error: Error) => error instanceof RunQualityWireError && message.test(error.message));
    refused({ failed: wire.records + 1 }, /failed \(101\) is more than records \(100\)/);
    refused({ records: -1 }, /records must be a count/);
    refused({ uniqueness: [{ ...wire.uniqueness[0], sketch: new Uint8Array([1, 2, 3]) }] }, /uniqueness orderId: the sketch is not raw DEFLATE data/);
    refused({ uniqueness: [{ ...wire.uniqueness[0], sketch: deflateRawSync(new Uint8Array(100)) }] }, /uniqueness orderId: the sketch has 100 registers, not 16384/);
    refused({ sums: [{ field: 'total', sum: 'lots', count: 3 }] }, /sums total: 'lots' is not a finite number/);
    refused({ completeness: [{ field: 'email', present: 5, total: 4 }] }, /completeness email: present \(5\) is more than total \(4\)/);
  });
});
