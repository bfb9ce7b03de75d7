import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePipeline, validatePipeline } from './parse-pipeline';

const pipelineWith = (sink: object) => ({
  apiVersion: 'tributary/v1',
  kind: 'Pipeline',
  metadata: { tenant: 'acme', name: 'orders' },
  source: { connector: 'push', key: 'orderId' },
  sinks: [{ taxApi: {} }, sink],
});

/** The faults of a pipeline whose second sink is `sink`, as `path: message`. */
function faultsOf(sink: object): string[] {
  const outcome = validatePipeline(pipelineWith(sink));
  return outcome.ok ? [] : outcome.faults.map((f) => `${f.path}: ${f.message}`);
}

describe('store sinks at apply', () => {
  test('a postgres table is a lowercase name, optionally schema-qualified, with or without a connection', () => {
    for (const table of ['tax_results', 'reporting.tax_results', '_t1', 'a'.repeat(63)]) {
      assert.deepEqual(faultsOf({ postgres: { table } }), [], table);
      assert.deepEqual(faultsOf({ postgres: { table, connection: { secret: 'acme-dw' } } }), [], table);
    }
  });

  test('a table name that is not a plain SQL name is refused, naming the sink and the rule', () => {
    for (const table of ['tax results', 'tax_results; DROP TABLE users', '"quoted"', 'TaxResults', 'a.b.c', '1st', 'a'.repeat(64), 'x.', '']) {
      const faults = faultsOf({ postgres: { table } });
      assert.equal(faults.length, 1, `${JSON.stringify(table)}: ${faults.join(' | ')}`);
      assert.match(faults[0], /^\/sinks\/1\/postgres\/table: /);
    }
    assert.match(faultsOf({ postgres: { table: 'Tax-Results' } })[0], /a PostgreSQL table name, optionally schema-qualified: lowercase letters, digits and _/);
  });

  test("PostgreSQL's own schemas are refused", () => {
    assert.match(faultsOf({ postgres: { table: 'pg_catalog.t' } })[0], /\/sinks\/1\/postgres\/table: schemas named pg_\* and information_schema are PostgreSQL's own/);
    assert.match(faultsOf({ postgres: { table: 'information_schema.t' } })[0], /PostgreSQL's own/);
  });

  test("the platform database's own tables are refused without a connection, and allowed in a tenant's database", () => {
    for (const table of ['results', 'public.results', 'users', 'secrets', 'migrations']) {
      const faults = faultsOf({ postgres: { table } });
      assert.deepEqual(faults, [`/sinks/1/postgres/table: '${table}' is one of the platform database's own tables; name another table (results are readable through the results API without a postgres sink) at /sinks/1/postgres/table`]);
    }
    assert.deepEqual(faultsOf({ postgres: { table: 'reporting.results' } }), []);
    assert.deepEqual(faultsOf({ postgres: { table: 'results', connection: { secret: 'acme-dw' } } }), []);
  });

  test('the file sink is refused at apply with a reason, whatever its settings', () => {
    for (const config of [{ path: 'out', format: 'csv' }, {}]) {
      const faults = faultsOf({ file: config });
      assert.equal(faults.length, 1);
      assert.match(faults[0], /^\/sinks\/1\/file: the file sink is not available yet, so a pipeline cannot use it; use postgres, mongodb or topic/);
    }
  });

  test('a YAML document with a file sink is refused at the line of the sink', () => {
    const text = `apiVersion: tributary/v1
kind: Pipeline
metadata: { tenant: acme, name: orders }
source: { connector: push, key: orderId }
sinks:
  - taxApi: {}
  - file: { path: exports, format: csv }
`;
    const outcome = parsePipeline(text);
    assert.equal(outcome.ok, false);
    if (outcome.ok) return;
    assert.deepEqual(outcome.faults.map((f) => [f.path, f.line]), [['/sinks/1/file', 7]]);
  });

  test("a topic sink may not name the platform's or Kafka's internal topics or another pipeline's stage topics", () => {
    assert.deepEqual(faultsOf({ topic: { name: 'acme.tax-results' } }), []);
    for (const name of ['_schemas', '__consumer_offsets', '_tributary.pipelines', 'tributary.globex.orders.raw']) {
      const faults = faultsOf({ topic: { name } });
      assert.equal(faults.length, 1, name);
      assert.match(faults[0], /^\/sinks\/1\/topic\/name: names starting with _ or tributary\. are the platform's own topics/);
    }
    assert.match(faultsOf({ topic: { name: 'bad name' } })[0], /a Kafka topic name/);
  });
});
