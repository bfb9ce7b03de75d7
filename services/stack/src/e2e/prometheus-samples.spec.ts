import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sampleSum } from './prometheus-samples';

const TEXT = `# HELP tributary_records_in_total Records this service consumed, per pipeline.
# TYPE tributary_records_in_total counter
tributary_records_in_total{tenant="acme",pipeline="erp-orders"} 120
tributary_records_in_total{tenant="acme",pipeline="csv-orders"} 7
tributary_records_in_total_extra{tenant="acme",pipeline="erp-orders"} 1000
tributary_tax_api_circuit_transitions_total{endpoint="http://127.0.0.1:8090",tenant="acme",pipeline="erp-orders",state="open"} 2
tributary_tax_api_circuit_transitions_total{endpoint="http://127.0.0.1:8090",tenant="a\\"b",pipeline="erp-orders",state="closed"} 1
process_uptime_seconds 12.5
`;

test('sampleSum adds the samples whose labels include the asked ones, and only of that metric', () => {
  assert.equal(sampleSum(TEXT, 'tributary_records_in_total', { tenant: 'acme' }), 127);
  assert.equal(sampleSum(TEXT, 'tributary_records_in_total', { tenant: 'acme', pipeline: 'erp-orders' }), 120);
  assert.equal(sampleSum(TEXT, 'tributary_tax_api_circuit_transitions_total', { state: 'open' }), 2);
  assert.equal(sampleSum(TEXT, 'tributary_tax_api_circuit_transitions_total', { tenant: 'a"b' }), 1);
  assert.equal(sampleSum(TEXT, 'process_uptime_seconds'), 12.5);
});

test('sampleSum is 0 for a metric or labels it does not find', () => {
  assert.equal(sampleSum(TEXT, 'tributary_records_out_total'), 0);
  assert.equal(sampleSum(TEXT, 'tributary_records_in_total', { tenant: 'other' }), 0);
});
