import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { headerText, readDelivery, readRecordHeaders, RECORD_HEADERS, RecordHeaderError, writeRecordHeaders } from './record-headers';

const RUN = '3F1C2A4E-9B7D-4C1E-8A2B-5D6E7F809A1B';
const TRACE = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('record headers', () => {
  test('the context written is the context read, under the DESIGN.md header names', () => {
    const context = { tenant: 'acme', pipeline: 'erp-orders', runId: RUN, sourceOffset: 'updated_at=2024-05-01T10:00:00Z', traceparent: TRACE };
    const headers = writeRecordHeaders(context);
    assert.deepEqual(Object.keys(headers).sort(), ['traceparent', 'tributary-pipeline', 'tributary-run', 'tributary-source-offset', 'tributary-tenant']);
    const asKafkaDelivers = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.from(v as string)]));
    assert.deepEqual(readRecordHeaders(asKafkaDelivers), { ...context, runId: RUN.toLowerCase() });
  });

  test('an empty context writes no headers, and no headers read as an empty context', () => {
    assert.deepEqual(writeRecordHeaders({}), {});
    assert.deepEqual(readRecordHeaders(undefined), {});
  });

  test('writing refuses a malformed run id, traceparent or empty tenant, naming the header', () => {
    assert.throws(() => writeRecordHeaders({ runId: 'run-7' }), (e: unknown) => e instanceof RecordHeaderError && /tributary-run must be a UUID, got "run-7"/.test(e.message));
    assert.throws(() => writeRecordHeaders({ traceparent: '00-xyz' }), /traceparent must be a W3C traceparent/);
    assert.throws(() => writeRecordHeaders({ tenant: '' }), /tributary-tenant must be non-empty text/);
  });

  test('reading drops a malformed run id or traceparent from an upstream producer and keeps the rest', () => {
    const context = readRecordHeaders({ 'tributary-tenant': 'acme', 'tributary-run': 'run-7', traceparent: 'garbage' });
    assert.deepEqual(context, { tenant: 'acme' });
  });

  test('a repeated header reads as its last value, whether kafkajs gives Buffers or NestJS strings', () => {
    assert.equal(headerText({ x: [Buffer.from('first'), Buffer.from('last')] }, 'x'), 'last');
    assert.equal(headerText({ x: 'text' }, 'x'), 'text');
    assert.equal(headerText({}, 'x'), undefined);
  });

  test('retry headers carry the attempt and the due time; a first delivery has neither', () => {
    assert.deepEqual(writeRecordHeaders({}, { attempt: 1 }), {});
    const headers = writeRecordHeaders({ tenant: 'acme' }, { attempt: 3, retryAt: 1_714_557_600_000 });
    assert.equal(headers[RECORD_HEADERS.attempt], '3');
    assert.deepEqual(readDelivery(headers), { attempt: 3, retryAt: 1_714_557_600_000 });
    assert.deepEqual(readDelivery({}), { attempt: 1 });
  });

  test('malformed retry headers read as a first attempt due now, and are refused on write', () => {
    assert.deepEqual(readDelivery({ 'tributary-attempt': 'two', 'tributary-retry-at': 'soon' }), { attempt: 1 });
    assert.throws(() => writeRecordHeaders({}, { attempt: 0 }), /tributary-attempt must be an integer from 1, got 0/);
    assert.throws(() => writeRecordHeaders({}, { attempt: 2, retryAt: -5 }), /tributary-retry-at must be epoch milliseconds/);
  });
});
