import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { stageTopic, STAGES } from '@tributary/pipeline-spec';
import { parseStageTopic, siblingStageTopic, stageTopicPattern } from './stage-topics';

describe('stage topic names', () => {
  test('parseStageTopic undoes pipeline-spec’s stageTopic for every stage', () => {
    for (const stage of STAGES) {
      assert.deepEqual(parseStageTopic(stageTopic('acme', 'erp-orders', stage)), { tenant: 'acme', pipeline: 'erp-orders', stage, prefix: 'tributary.acme.erp-orders' });
    }
  });

  test('other topics are not stage topics', () => {
    for (const topic of ['_tributary.runs', 'tributary.acme.erp-orders', 'tributary.acme.erp-orders.cooked', 'tributary.Acme.orders.raw', 'other.acme.orders.raw', 'tributary.acme.erp.orders.raw']) {
      assert.equal(parseStageTopic(topic), undefined, topic);
    }
  });

  test('a failed record’s errors and retry topics are its own pipeline’s', () => {
    assert.equal(siblingStageTopic('tributary.acme.erp-orders.valid', 'errors'), 'tributary.acme.erp-orders.errors');
    assert.equal(siblingStageTopic('tributary.acme.erp-orders.retry', 'retry'), 'tributary.acme.erp-orders.retry');
    assert.throws(() => siblingStageTopic('_tributary.runs', 'errors'), /_tributary\.runs is not a pipeline stage topic/);
  });

  test('a stage pattern matches that stage of every pipeline and nothing else', () => {
    const mapped = stageTopicPattern('mapped');
    assert.ok(mapped.test('tributary.acme.erp-orders.mapped'));
    assert.ok(mapped.test('tributary.globex.p2.mapped'));
    assert.ok(!mapped.test('tributary.acme.erp-orders.valid'));
    assert.ok(!mapped.test('tributary.acme.erp-orders.mapped.copy'));
    assert.throws(() => stageTopicPattern('cooked' as never), /unknown stage cooked/);
  });
});
