import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectorError } from '@tributary/connectors';
import { findSourceConnector } from '@tributary/connector-registry';
import { validatePipeline, type PipelineSpec } from '@tributary/pipeline-spec';
import { parseSecretText, sourcePlan } from './source-plan';

const spec = (source: Record<string, unknown>): PipelineSpec => {
  const outcome = validatePipeline({ apiVersion: 'tributary/v1', kind: 'Pipeline', metadata: { tenant: 'acme', name: 'erp' }, source, sinks: [{ topic: { name: 'out' } }] });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.faults));
  return outcome.spec;
};

describe("a pipeline's source as a connector call", () => {
  test('a database table is the stream, options are the config, the secret is named', () => {
    const plan = sourcePlan(spec({ connector: 'postgres', connection: { secret: 'erp-db' }, table: 'orders', mode: 'incremental', cursor: 'updated_at', key: 'id', options: { schemas: ['sales'] } }));
    assert.equal(plan.connector.name, 'postgres');
    assert.deepEqual([plan.stream, plan.mode, plan.cursorField, plan.keyField, plan.secretName], ['orders', 'incremental', 'updated_at', 'id', 'erp-db']);
    assert.deepEqual((plan.config as { schemas: string[] }).schemas, ['sales']);
  });

  test("a file source's path is its config and its stream", () => {
    const plan = sourcePlan(spec({ connector: 'file', path: 'drops/orders', key: 'order_id', options: { format: 'csv' } }));
    assert.deepEqual([plan.stream, (plan.config as { path: string }).path, (plan.config as { format: string }).format, plan.secretName], ['drops/orders', 'drops/orders', 'csv', undefined]);
  });

  test('a source no connector reads, or a bad option, is a config error naming it', () => {
    assert.throws(() => sourcePlan(spec({ connector: 'http', stream: '/orders', key: 'id' })), (e: unknown) => e instanceof ConnectorError && /no source connector 'http'/.test(e.message));
    assert.throws(() => sourcePlan(spec({ connector: 'file', path: 'x', key: 'id', options: { format: 'xml' } })), (e: unknown) => e instanceof ConnectorError && /config\.format/.test(e.message));
  });

  test('a secret is a JSON object; what is wrong with it is named without its value', () => {
    const postgres = findSourceConnector('postgres');
    assert.deepEqual(parseSecretText(postgres, JSON.stringify({ host: 'db', database: 'erp', user: 'u', password: 'hunter2' }), 'erp-db'), {
      host: 'db', port: 5432, database: 'erp', user: 'u', password: 'hunter2', ssl: 'disable',
    });
    assert.throws(() => parseSecretText(postgres, 'hunter2', 'erp-db'), (e: unknown) => e instanceof ConnectorError && /secret 'erp-db' is not JSON/.test(e.message) && !e.message.includes('hunter2'));
    assert.throws(
      () => parseSecretText(postgres, JSON.stringify({ host: 'db', database: 'erp', password: 'hunter2' }), 'erp-db'),
      (e: unknown) => e instanceof ConnectorError && /secret 'erp-db': secrets\.user/.test(e.message) && !e.message.includes('hunter2'),
    );
  });
});
