import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPipeline, parsePipeline, validatePipeline } from './parse-pipeline';
import { PipelineSpecError } from './spec-fault';

// The document of DESIGN.md "Pipelines", with the steps the transforms library has today.
const DESIGN_EXAMPLE = `apiVersion: tributary/v1
kind: Pipeline
metadata: { tenant: acme, name: erp-orders }
source:
  connector: postgres              # postgres | mysql | http | file | mqtt | push | topic
  connection: { secret: acme-erp } # credentials come from the encrypted secret store
  table: orders
  mode: incremental                # or full
  cursor: updated_at
  key: order_id
  schedule: "*/15 * * * *"
transform:
  - rename: { order_id: orderId, cust_no: customerId }
  - drop: [internal_note]
validate:
  - notNull: [orderId, total, shipTo.country]
  - range: { field: total, min: 0 }
  - pattern: { field: shipTo.postalCode, regex: "^[0-9]{5}$" }
  - unique: { field: orderId, window: 24h }
sinks:
  - taxApi: { timeoutMs: 2000, concurrency: 64, retry: { max: 5 }, circuit: { errorPercent: 50, resetMs: 30000 } }
  - mongodb: { collection: tax_results }
`;

function faultsOf(text: string) {
  const outcome = parsePipeline(text);
  assert.equal(outcome.ok, false, 'expected faults');
  return outcome.ok ? [] : outcome.faults;
}

describe('parsePipeline', () => {
  test('the DESIGN.md example parses, with defaults filled in', () => {
    const outcome = parsePipeline(DESIGN_EXAMPLE);
    assert.ok(outcome.ok, JSON.stringify(!outcome.ok && outcome.faults));
    const { spec } = outcome;
    assert.equal(spec.metadata.tenant, 'acme');
    assert.equal(spec.source.mode, 'incremental');
    assert.equal(spec.transform.length, 2);
    assert.deepEqual(spec.validate[3], { unique: { field: 'orderId', window: 86_400_000, maxKeys: 1_000_000 } });
    assert.deepEqual(spec.sinks[0].taxApi, { timeoutMs: 2000, concurrency: 64, retry: { max: 5, backoffMs: 1000, maxBackoffMs: 60_000 }, circuit: { errorPercent: 50, resetMs: 30_000 } });
    assert.deepEqual(spec.settings, { partitions: 6, errorPolicy: { onError: 'deadLetter' } });
  });

  test('an unknown key names its path, line and column, and the nearest valid key', () => {
    const [fault] = faultsOf(DESIGN_EXAMPLE.replace('transform:', 'tranform:'));
    assert.deepEqual(fault, { path: '/', line: 12, column: 1, message: "unknown key 'tranform' at /; did you mean 'transform'?" });
  });

  test('an unknown step or rule is named as such with the nearest name', () => {
    const faults = faultsOf(DESIGN_EXAMPLE.replace('- drop:', '- dorp:').replace('- notNull:', '- notnull:'));
    assert.deepEqual(
      faults.map((f) => [f.line, f.column, f.message]),
      [
        [14, 5, "unknown step 'dorp' at /transform/1; did you mean 'drop'?"],
        [16, 5, "unknown rule 'notnull' at /validate/0; did you mean 'notNull'?"],
      ],
    );
  });

  test('every fault is reported at once, in document order, each at its own line', () => {
    const broken = DESIGN_EXAMPLE.replace('mode: incremental', 'mode: sometimes')
      .replace('"*/15 * * * *"', '"*/15 * * *"')
      .replace('min: 0 }', 'min: true }')
      .replace('window: 24h', 'window: a day')
      .replace('concurrency: 64', 'concurency: 64');
    const faults = faultsOf(broken);
    assert.deepEqual(
      faults.map((f) => [f.path, f.line]),
      [
        ['/source/mode', 8],
        ['/validate/1/range/min', 17],
        ['/validate/3/unique/window', 19],
        ['/sinks/0/taxApi', 21],
      ],
    );
    assert.match(faults[0].message, /^Invalid option: expected one of "full"\|"incremental" at \/source\/mode$/);
    assert.equal(faults[1].message, 'Invalid input at /validate/1/range/min: expected number or string');
    assert.match(faults[3].message, /unknown key 'concurency' at \/sinks\/0\/taxApi; did you mean 'concurrency'\?/);
    // the source's cross-field checks run once its fields are valid, so the bad schedule shows up after the mode is fixed
    const second = faultsOf(broken.replace('mode: sometimes', 'mode: incremental'));
    assert.ok(second.some((f) => f.path === '/source/schedule' && f.line === 11 && /5 fields/.test(f.message)), JSON.stringify(second));
  });

  test('a missing required key points at the object that should hold it', () => {
    const faults = faultsOf(DESIGN_EXAMPLE.replace('  key: order_id\n', ''));
    assert.deepEqual(faults.map((f) => [f.path, f.line, f.column]), [['/source/key', 5, 3]]);
  });

  test('source rules across fields: incremental needs a cursor (but a file source keeps its own place), the location fits the connector, no schedule for push', () => {
    const base = { apiVersion: 'tributary/v1', kind: 'Pipeline', metadata: { tenant: 'acme', name: 'p' }, sinks: [{ mongodb: { collection: 'c' } }] };
    const faults = (source: Record<string, unknown>) => {
      const outcome = validatePipeline({ ...base, source });
      return outcome.ok ? [] : outcome.faults.map((f) => `${f.path}: ${f.message}`);
    };
    assert.deepEqual(faults({ connector: 'postgres', connection: { secret: 's' }, table: 't', mode: 'incremental', key: 'id' }), ['/source/cursor: incremental mode needs a cursor field at /source/cursor']);
    assert.deepEqual(faults({ connector: 'postgres', connection: { secret: 's' }, table: 't', cursor: 'updated_at', key: 'id' }), ['/source/cursor: a cursor is only used in incremental mode at /source/cursor']);
    assert.deepEqual(faults({ connector: 'file', path: 'drop', mode: 'incremental', key: 'id' }), []);
    assert.deepEqual(faults({ connector: 'file', path: 'drop', mode: 'incremental', cursor: 'updated_at', key: 'id' }), [
      "/source/cursor: a file source keeps its own place (each file's progress) and takes no cursor at /source/cursor",
    ]);
    assert.deepEqual(faults({ connector: 'file', table: 't', key: 'id' }), [
      '/source/table: a file source does not take table; use path at /source/table',
      '/source/path: a file source needs path at /source/path',
    ]);
    assert.deepEqual(faults({ connector: 'push', key: 'id', schedule: '@daily' }), ['/source/schedule: a push source runs continuously and takes no schedule at /source/schedule']);
    assert.deepEqual(faults({ connector: 'mysql', table: 't', key: 'id' }), ['/source/connection: a mysql source needs connection.secret at /source/connection']);
  });

  test('names that become topic names are checked', () => {
    const faults = faultsOf(DESIGN_EXAMPLE.replace('name: erp-orders', 'name: ERP_orders'));
    assert.equal(faults[0].path, '/metadata/name');
    assert.match(faults[0].message, /lowercase letters, digits and single hyphens/);
  });

  test('sinks: at least one, at most one taxApi', () => {
    assert.match(faultsOf(DESIGN_EXAMPLE.replace(/sinks:[\s\S]*$/, 'sinks: []\n'))[0].message, /at least one sink/);
    const twice = DESIGN_EXAMPLE.replace('  - mongodb: { collection: tax_results }', '  - taxApi: {}');
    assert.match(faultsOf(twice)[0].message, /at most one taxApi sink, found 2/);
  });

  test('a list item holding two steps is refused with both names', () => {
    const faults = faultsOf(DESIGN_EXAMPLE.replace('  - drop: [internal_note]', '  - { drop: [a], select: [b] }'));
    assert.match(faults[0].message, /one step per list item; found drop, select/);
    assert.equal(faults[0].path, '/transform/1');
  });

  test('YAML syntax errors and duplicate keys carry their line and column', () => {
    const [syntax] = faultsOf('apiVersion: tributary/v1\nkind: [Pipeline\n');
    assert.equal(syntax.line !== undefined && syntax.line >= 2, true);
    assert.match(syntax.message, /^YAML: /);
    const [duplicate] = faultsOf(DESIGN_EXAMPLE.replace('  table: orders\n', '  table: orders\n  table: orders2\n'));
    assert.equal(duplicate.line, 8);
    assert.match(duplicate.message, /unique/i);
  });

  test('JSON documents validate the same way, with positions too', () => {
    const json = JSON.stringify({ apiVersion: 'tributary/v1', kind: 'Pipeline', metadata: { tenant: 'acme', name: 'p' }, source: { connector: 'push', key: 'id' }, sinks: [{ mongodb: { collection: 'c' } }], setings: {} }, null, 2);
    const [fault] = faultsOf(json);
    assert.equal(fault.message, "unknown key 'setings' at /; did you mean 'settings'?");
    assert.equal(fault.line, json.split('\n').findIndex((line) => line.includes('setings')) + 1);
    assert.match(faultsOf('{ "apiVersion": ')[0].message, /^not JSON/);
  });

  test('wrong types and absurd values are refused with their path', () => {
    const faults = faultsOf(DESIGN_EXAMPLE + 'settings: { partitions: 0, retention: { raw: 3d, error: 30d } }\n');
    assert.deepEqual(faults.map((f) => f.path), ['/settings/partitions', '/settings/retention']);
    assert.match(faults[1].message, /unknown key 'error' at \/settings\/retention; did you mean 'errors'\?/);
  });

  test('a document that is not an object at all is one fault at the root', () => {
    assert.deepEqual(faultsOf('just text').map((f) => f.path), ['/']);
    assert.deepEqual(faultsOf('').map((f) => f.path), ['/']);
  });

  test('loadPipeline throws one error listing every fault with file:line:column', () => {
    assert.throws(
      () => loadPipeline(DESIGN_EXAMPLE.replace('transform:', 'tranform:'), { file: 'erp.yaml' }),
      (e: unknown) => e instanceof PipelineSpecError && e.faults.length === 1 && e.message.includes("erp.yaml:12:1: unknown key 'tranform' at /; did you mean 'transform'?"),
    );
  });
});
