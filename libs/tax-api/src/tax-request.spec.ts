import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { taxOrderFixture as sampleTaxOrder } from './tax-order-fixture';
import { idempotencyKeyOf } from './idempotency-key';
import { taxRequestOf } from './tax-request';
import { taxRequestSchema } from './taxman-contract';

const scope = { tenant: 'acme', pipeline: 'erp-orders' };
const keyOf = (order = sampleTaxOrder(), s = scope) => idempotencyKeyOf(s, order.orderId, JSON.stringify(taxRequestOf(order, s.tenant)));

describe('the TAXMAN request of a TaxOrder', () => {
  it('carries every tax-relevant field of the order and passes the contract unchanged', () => {
    const order = sampleTaxOrder({ customer: { customerId: 'C-1', name: null, taxId: 'US-123', exemption: { certificateId: 'EX-1', reasonCode: 'RESALE', region: 'US-CA', expiresOn: '2026-12-31' } } });
    const request = taxRequestOf(order, 'acme');
    assert.equal(request.companyCode, 'acme');
    assert.equal(request.lines.length, 2);
    assert.deepEqual(request.lines[0], { lineNumber: 1, sku: 'WIDGET-1', description: null, quantity: '2.0000', unitPrice: '19.9900', taxCode: 'P0000000', discounts: [{ code: 'SPRING10', amount: '2.0000' }] });
    assert.deepEqual(request.customer.exemption, order.customer.exemption);
    assert.deepEqual(request.shipTo, order.shipTo);
    assert.deepEqual(taxRequestSchema.parse(request), request);
  });

  it('leaves out what is bookkeeping: updatedAt, runId and the pipeline', () => {
    const text = JSON.stringify(taxRequestOf(sampleTaxOrder(), 'acme'));
    assert.ok(!text.includes('updatedAt'));
    assert.ok(!text.includes('runId'));
    assert.ok(!text.includes('erp-orders'));
  });
});

describe('the idempotency key of an order', () => {
  it('is the same for the same order sent again, whatever its delivery bookkeeping', () => {
    const again = { ...sampleTaxOrder(), updatedAt: new Date('2030-01-01T00:00:00Z'), runId: null };
    assert.equal(keyOf(), keyOf());
    assert.equal(keyOf(again), keyOf());
    assert.match(keyOf(), /^trb1_[A-Za-z0-9_-]{43}$/);
  });

  it('changes when anything TAXMAN taxes changes', () => {
    const order = sampleTaxOrder();
    const dearer = { ...order, lines: order.lines.map((l, i) => (i === 0 ? { ...l, unitPrice: '20.0000' } : l)) };
    const elsewhere = { ...order, shipTo: { ...order.shipTo, postalCode: '90012' } };
    assert.notEqual(keyOf(dearer), keyOf());
    assert.notEqual(keyOf(elsewhere), keyOf());
  });

  it('differs between tenants and pipelines for an equal order', () => {
    assert.notEqual(keyOf(sampleTaxOrder(), { tenant: 'globex', pipeline: 'erp-orders' }), keyOf());
    assert.notEqual(keyOf(sampleTaxOrder(), { tenant: 'acme', pipeline: 'other' }), keyOf());
    // a separator between parts: ('ab','c') and ('a','bc') are different scopes
    assert.notEqual(keyOf(sampleTaxOrder(), { tenant: 'acmee', pipeline: 'rp-orders' }), keyOf());
  });
});
