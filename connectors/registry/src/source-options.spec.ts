import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { planPipeline, type PipelineSource } from '@tributary/pipeline-spec';
import { connectorConfigOf, sourceOptionFaults } from './source-options';

const source = (fields: Partial<PipelineSource>): PipelineSource => ({ connector: 'file', mode: 'full', key: 'order_id', ...fields }) as PipelineSource;

describe("a pipeline source's options, checked by its connector", () => {
  test("the connector's config: the options, and a file source's folder", () => {
    assert.deepEqual(connectorConfigOf(source({ path: 'drops', options: { format: 'csv' } })), { format: 'csv', path: 'drops' });
    assert.deepEqual(connectorConfigOf(source({ connector: 'postgres', table: 'orders', options: { schemas: ['sales'] } })), { schemas: ['sales'] });
  });

  test('good options have no fault; a bad or unknown one is named under source.options', () => {
    assert.deepEqual(sourceOptionFaults(source({ path: 'drops', options: { format: 'csv', encoding: 'windows-1252' } })), []);
    const faults = sourceOptionFaults(source({ path: 'drops', options: { encoding: 'latin9', fromat: 'csv' } }));
    assert.deepEqual(faults.map((f) => f.path), [['options', 'encoding'], ['options']]);
    assert.match(faults[0].message, /^the file connector: .*"utf-8"\|"windows-1252"/);
    assert.match(faults[1].message, /fromat/);
  });

  test('a source no connector here reads (push, topic) is not checked', () => {
    assert.deepEqual(sourceOptionFaults(source({ connector: 'push', options: { anything: 1 } })), []);
  });

  test('apply and validate report the fault at its line and column in the document', () => {
    const yaml = [
      'apiVersion: tributary/v1',
      'kind: Pipeline',
      'metadata: { tenant: acme, name: drops }',
      'source:',
      '  connector: file',
      '  path: drops',
      '  key: order_id',
      '  options:',
      '    encoding: latin9',
      'sinks: [{ taxApi: {} }]',
    ].join('\n');
    const outcome = planPipeline(yaml, { checkSource: sourceOptionFaults });
    assert.equal(outcome.ok, false);
    const [fault] = outcome.ok ? [] : outcome.faults;
    assert.deepEqual([fault.path, fault.line, fault.column], ['/source/options/encoding', 9, 15]);
    assert.ok(planPipeline(yaml).ok, 'without the check the library alone cannot know');
  });
});
