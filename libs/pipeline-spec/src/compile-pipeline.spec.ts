import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from './compile-pipeline';
import { parsePipeline } from './parse-pipeline';
import { planPipeline } from './plan-pipeline';
import { PipelineSpecError } from './spec-fault';

const DOCUMENT = `apiVersion: tributary/v1
kind: Pipeline
metadata: { tenant: acme, name: erp-orders }
source:
  connector: postgres
  connection: { secret: acme-erp }
  table: orders
  mode: incremental
  cursor: updated_at
  key: order_id
  fields: [order_id, cust_no, total, updated_at, internal_note]
transform:
  - rename: { order_id: orderId, cust_no: customerId }
  - drop: [internal_note]
validate:
  - notNull: [orderId, customerId]
  - range: { field: total, min: 0 }
  - unique: { field: orderId, window: 24h }
sinks:
  - taxApi: {}
  - mongodb: { collection: tax_results }
settings: { partitions: 12, replicationFactor: 3, retention: { raw: 3d } }
`;

function specOf(text: string) {
  const outcome = parsePipeline(text);
  assert.ok(outcome.ok, JSON.stringify(!outcome.ok && outcome.faults));
  return outcome.spec;
}

describe('compile', () => {
  const plan = compile(specOf(DOCUMENT));

  test('one topic per stage, named tributary.<tenant>.<pipeline>.<stage>, with partitions, replicas and retention', () => {
    assert.equal(plan.prefix, 'tributary.acme.erp-orders');
    assert.deepEqual(
      plan.topics.map((t) => [t.name, t.partitions, t.replicationFactor, t.config['retention.ms']]),
      [
        ['tributary.acme.erp-orders.raw', 12, 3, String(3 * 86_400_000)],
        ['tributary.acme.erp-orders.mapped', 12, 3, String(7 * 86_400_000)],
        ['tributary.acme.erp-orders.valid', 12, 3, String(7 * 86_400_000)],
        ['tributary.acme.erp-orders.results', 12, 3, String(7 * 86_400_000)],
        ['tributary.acme.erp-orders.errors', 12, 3, String(30 * 86_400_000)],
        ['tributary.acme.erp-orders.retry', 12, 3, String(7 * 86_400_000)],
      ],
    );
    assert.ok(plan.topics.every((t) => t.config['cleanup.policy'] === 'delete'));
  });

  test('subjects follow the topic-name strategy', () => {
    assert.deepEqual(plan.subjects, plan.topics.map((t) => `${t.name}-value`));
    assert.deepEqual(plan.topics.map((t) => t.valueSchema), ['raw', 'mapped', 'mapped', 'TaxResult', 'ErrorRecord', 'mapped']);
  });

  test('one consumer group per stage consumer, reading and writing the right topics', () => {
    const p = 'tributary.acme.erp-orders';
    assert.deepEqual(plan.consumerGroups, [
      { consumer: 'transformer', groupId: `${p}.transformer`, reads: [`${p}.raw`], writes: [`${p}.mapped`, `${p}.errors`] },
      { consumer: 'validator', groupId: `${p}.validator`, reads: [`${p}.mapped`], writes: [`${p}.valid`, `${p}.errors`] },
      { consumer: 'tax-sink', groupId: `${p}.tax-sink`, reads: [`${p}.valid`, `${p}.retry`], writes: [`${p}.results`, `${p}.retry`, `${p}.errors`] },
      { consumer: 'sink.1.mongodb', groupId: `${p}.sink.1.mongodb`, reads: [`${p}.results`], writes: [`${p}.errors`] },
    ]);
    assert.deepEqual(plan.internalTopics, ['_tributary.runs', '_tributary.pipelines', '_tributary.connector-offsets']);
  });

  test('without a taxApi sink there are no results or retry topics and store sinks read valid', () => {
    const storeOnly = compile(specOf(DOCUMENT.replace('  - taxApi: {}\n', '')));
    assert.deepEqual(storeOnly.topics.map((t) => t.stage), ['raw', 'mapped', 'valid', 'errors']);
    assert.deepEqual(storeOnly.consumerGroups.at(-1)!.reads, ['tributary.acme.erp-orders.valid']);
  });

  test('gives the output schema of every step and the rules with what they read', () => {
    assert.deepEqual(plan.steps.map((s) => [s.name, s.reads, s.output.map(([path]) => path).sort()]), [
      ['rename', ['order_id', 'cust_no'], ['customerId', 'internal_note', 'orderId', 'total', 'updated_at']],
      ['drop', [], ['customerId', 'orderId', 'total', 'updated_at']],
    ]);
    assert.deepEqual(plan.rules.map((r) => [r.name, r.reads]), [['notNull', ['orderId', 'customerId']], ['range', ['total']], ['unique', ['orderId']]]);
    assert.equal(plan.recordKey, 'order_id');
    assert.equal(plan.fieldsChecked, true);
  });

  test('a step that reads a field no earlier step produces is an error at apply time, with its line', () => {
    const text = DOCUMENT.replace('  - drop: [internal_note]', '  - drop: [internal_note]\n  - rename: { cust_no: customer }');
    const outcome = planPipeline(text);
    assert.equal(outcome.ok, false);
    assert.deepEqual(!outcome.ok && outcome.faults, [
      { path: '/transform/2/rename', line: 15, column: 13, message: "reads 'cust_no', which neither the source nor an earlier step produces at /transform/2/rename" },
    ]);
  });

  test('a rule or quality figure on a field the mapped records lack is an error too', () => {
    const text = DOCUMENT.replace('range: { field: total', 'range: { field: totl') + 'quality: { completeness: { email: 0.9 } }\n';
    const outcome = planPipeline(text);
    assert.deepEqual(!outcome.ok && outcome.faults.map((f) => [f.path, f.line, f.message]), [
      ['/validate/1/range', 17, "checks 'totl', which the mapped records do not have at /validate/1/range"],
      ['/quality/completeness/email', 23, "measures 'email', which the mapped records do not have at /quality/completeness/email"],
    ]);
  });

  test('compile errors of steps and rules (bad regex, bad bound) are located inside their config', () => {
    const text = DOCUMENT.replace('range: { field: total, min: 0 }', 'range: { field: total, min: zero }').replace('window: 24h }', 'window: 24h }\n  - pattern: { field: orderId, regex: "[" }');
    const outcome = planPipeline(text);
    assert.deepEqual(!outcome.ok && outcome.faults.map((f) => [f.path, f.line]), [
      ['/validate/1/range/min', 17],
      ['/validate/3/pattern/regex', 19],
    ]);
  });

  test('a key the source does not have is an error', () => {
    assert.throws(() => compile(specOf(DOCUMENT.replace('key: order_id', 'key: orderid'))), (e: unknown) => e instanceof PipelineSpecError && e.faults[0].path === '/source/key');
  });

  test('without declared source fields every read passes and the plan says the fields were not checked', () => {
    const open = compile(specOf(DOCUMENT.replace(/  fields: .*\n/, '')));
    assert.equal(open.fieldsChecked, false);
  });
});
