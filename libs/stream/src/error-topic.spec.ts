import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { platformType } from '@tributary/avro';
import { errorRecordOf, errorTopicOf } from './error-topic';

const received = {
  topic: 'tributary.acme.erp-orders.mapped',
  partition: 2,
  offset: '41',
  keyBytes: Buffer.from('order-7'),
  payload: Buffer.from([0, 0, 0, 0, 1, 2]),
  context: {},
};
const failure = { stage: 'VALIDATE' as const, reasons: [{ code: 'notNull', message: 'is null', field: 'total' }], attempt: 1, failedAt: new Date(1_714_557_600_000) };

describe('ErrorRecords of failed records', () => {
  test('name where the record was, what it was, and why it failed, and fit schemas/error-record.avsc', () => {
    const record = errorRecordOf(received, failure);
    assert.deepEqual(record, {
      tenant: 'acme', pipeline: 'erp-orders', runId: null, stage: 'VALIDATE',
      reasons: [{ code: 'notNull', message: 'is null', field: 'total' }], attempt: 1, failedAt: new Date(1_714_557_600_000),
      recordKey: Buffer.from('order-7'), originalPayload: Buffer.from([0, 0, 0, 0, 1, 2]),
      sourceOffset: { topic: 'tributary.acme.erp-orders.mapped', partition: 2, offset: 41 }, traceparent: null,
    });
    assert.ok(platformType('error-record').isValid(record));
  });

  test('take tenant, pipeline, run and trace from the record’s headers when it has them', () => {
    const context = { tenant: 'globex', pipeline: 'p', runId: '3f1c2a4e-9b7d-4c1e-8a2b-5d6e7f809a1b', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' };
    const record = errorRecordOf({ ...received, context }, failure);
    assert.deepEqual([record.tenant, record.pipeline, record.runId, record.traceparent], [context.tenant, context.pipeline, context.runId, context.traceparent]);
  });

  test('need at least one reason', () => {
    assert.throws(() => errorRecordOf(received, { ...failure, reasons: [] }), /at least one reason \(record tributary\.acme\.erp-orders\.mapped\/2@41\)/);
  });

  test('go to their own pipeline’s errors topic', () => {
    assert.equal(errorTopicOf('tributary.acme.erp-orders.retry'), 'tributary.acme.erp-orders.errors');
  });
});
