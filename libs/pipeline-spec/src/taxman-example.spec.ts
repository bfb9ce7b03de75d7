// The TAXMAN example (examples/taxman-erp): a Meridian ERP export mapped to TaxOrder by a
// pipeline document alone. expected-tax-orders.json was worked out from the ERP rows apart from
// this code (Python's datetime/zoneinfo and Decimal) and checked by hand; here every field of
// every mapped order is compared with it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileRules, RunQualityAccumulator } from '@tributary/quality';
import { compileTransform, type DataRecord } from '@tributary/transforms';
import { planPipeline } from './plan-pipeline';

const root = join(__dirname, '..', '..', '..');
const example = (file: string) => readFileSync(join(root, 'examples', 'taxman-erp', file), 'utf8');
const TaxOrder = JSON.parse(readFileSync(join(root, 'schemas', 'tax-order.avsc'), 'utf8')) as { fields: { name: string }[] };
const context = { schemas: { TaxOrder }, now: () => Date.UTC(2024, 4, 1) };
const rows = example('orders.jsonl').trim().split('\n').map((line) => JSON.parse(line) as DataRecord);
const expected = JSON.parse(example('expected-tax-orders.json')) as DataRecord[];

function load() {
  const outcome = planPipeline(example('pipeline.yaml'), { context });
  assert.ok(outcome.ok, JSON.stringify(!outcome.ok && outcome.faults, null, 2));
  return outcome;
}

/** Every leaf path where `actual` differs from `wanted`, with both values. */
function differences(actual: unknown, wanted: unknown, path: string): string[] {
  if (Array.isArray(wanted)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${JSON.stringify(actual)}`];
    const lengths = actual.length === wanted.length ? [] : [`${path}: expected ${wanted.length} items, got ${actual.length}`];
    return [...lengths, ...wanted.flatMap((item, i) => differences(actual[i], item, `${path}[${i}]`))];
  }
  if (typeof wanted === 'object' && wanted !== null) {
    if (typeof actual !== 'object' || actual === null) return [`${path}: expected a record, got ${JSON.stringify(actual)}`];
    const keys = new Set([...Object.keys(wanted), ...Object.keys(actual)]);
    return [...keys].flatMap((key) => differences((actual as DataRecord)[key], (wanted as DataRecord)[key], `${path}.${key}`));
  }
  return Object.is(actual, wanted) ? [] : [`${path}: expected ${JSON.stringify(wanted)}, got ${JSON.stringify(actual)}`];
}

describe('the TAXMAN ERP example', () => {
  const { spec, plan } = load();
  const transform = compileTransform(spec.transform as DataRecord[], context);
  const results = rows.map((row) => transform.run(structuredClone(row)));
  const mapped = results.flatMap((result) => result.records);

  test('the pipeline document plans cleanly, with at least 12 steps and 6 rules, checked against the declared ERP columns', () => {
    assert.ok(plan.steps.length >= 12, `${plan.steps.length} steps`);
    assert.ok(plan.rules.length >= 6, `${plan.rules.length} rules`);
    assert.equal(plan.fieldsChecked, true);
    assert.deepEqual(
      plan.mappedFields.filter(([path]) => !path.includes('.') && !path.includes('[')).map(([path]) => path),
      TaxOrder.fields.map((field) => field.name),
      'the mapped records have exactly TaxOrder\'s top-level fields',
    );
    assert.equal(plan.topics[0].name, 'tributary.acme.erp-orders.raw');
  });

  test('every ERP row but the impossible date maps to the expected TaxOrder, field by field', () => {
    assert.equal(mapped.length, expected.length);
    const faults = expected.flatMap((order, i) => differences(JSON.parse(JSON.stringify(mapped[i])), order, `orders[${i}]`));
    assert.deepEqual(faults, []);
  });

  test('the odd inputs came out as TaxOrder wants them', () => {
    const byId = (id: string) => mapped.find((order) => order.orderId === id) as DataRecord & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- field-by-field asserts on a mapped TaxOrder
    // three date formats in one column, all to the same Avro date (days since 1970-01-01)
    assert.deepEqual(['SO-24-00017', 'SO-24-00018', 'SO-24-00019'].map((id) => byId(id).orderDate), [19_787, 19_787, 19_787]);
    assert.equal(new Date(19_787 * 86_400_000).toISOString().slice(0, 10), '2024-03-05');
    // '$1,234.50' and '€649.00' are decimals; ' eur' is EUR; a numeric ZIP gets its leading zero back
    assert.equal(byId('SO-24-00017').lines[0].unitPrice, 1234.5);
    assert.equal(byId('SO-24-00019').currency, 'EUR');
    assert.equal(byId('SO-24-00017').shipFrom.postalCode, '02110');
    // no certificate means no exemption; 'resale' is RESALE; the ERP's local time is Chicago's
    assert.equal(byId('SO-24-00017').customer.exemption, null);
    assert.equal(byId('SO-24-00018').customer.exemption.reasonCode, 'RESALE');
    assert.equal(new Date(byId('SO-24-00017').updatedAt).toISOString(), '2024-03-05T20:22:10.000Z');
    assert.equal(byId('SO-24-00020').shipTo.country, 'US', "'United States' is US");
  });

  test('31 February fails the date step, naming the field, and produces nothing', () => {
    const failed = results.filter((result) => result.reasons.length > 0);
    assert.equal(failed.length, 1);
    assert.equal(failed[0].records.length, 0);
    assert.deepEqual([failed[0].reasons[0].step, failed[0].reasons[0].field], ['set', 'orderDate']);
    assert.match(failed[0].reasons[0].message, /'31\/02\/2024' is not a valid 'dd\/MM\/yyyy' date/);
  });

  test('the rules pass the good orders and name what is wrong with the others', () => {
    const rules = compileRules(spec.validate as DataRecord[], context);
    const verdicts = mapped.map((order) => [order.orderId, rules.check(order).map((reason) => `${reason.rule}:${reason.field}`)]);
    assert.deepEqual(verdicts, [
      ['SO-24-00017', []],
      ['SO-24-00018', []],
      ['SO-24-00019', []],
      ['SO-24-00020', []],
      ['SO-24-00021', []],
      ['SO-24-00022', []],
      ['SO-24-00023', []],
      ['SO-24-00024', []],
      ['SO-24-00025', ['notNull:shipTo.city', 'range:orderDate']],
      ['SO-24-00027', ['expression:customer.exemption.expiresOn']],
      ['SO-24-00017', ['unique:orderId, updatedAt']],
    ]);
  });

  test("the run's quality report scores the export and says what fell short", () => {
    const rules = compileRules(spec.validate as DataRecord[], context);
    const accumulator = new RunQualityAccumulator(spec.quality, rules.rules);
    for (const order of mapped) accumulator.observe(order, rules.check(order));
    const report = accumulator.report();
    assert.deepEqual([report.records, report.passed, report.failed], [11, 8, 3]);
    assert.deepEqual(report.completeness.map((c) => [c.field, c.present, c.total, c.ok]), [
      ['customer.taxId', 2, 11, false],
      ['shipTo.postalCode', 11, 11, true],
    ]);
    assert.deepEqual(report.uniqueness.map((u) => [u.field, u.distinct, u.present]), [['orderId', 10, 11]]);
    assert.ok(report.score > 70 && report.score < 100, String(report.score));
    assert.equal(report.ok, false);
    assert.match(report.alerts[0], /customer.taxId is present in 18.2% of values, below the 20% required/);
  });
});
