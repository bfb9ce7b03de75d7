import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { platformType } from '@tributary/avro';
import { InvalidAnswerError, parseTaxResponse, taxResultOf } from './tax-answer';
import type { TaxResponse } from './taxman-contract';
import { orderLineFixture, taxOrderFixture } from './tax-order-fixture';

const sampleTaxOrder = (lines: number) => taxOrderFixture({ lines: Array.from({ length: lines }, (_, i) => orderLineFixture({ lineNumber: i + 1 })) });

const scope = { tenant: 'acme', pipeline: 'erp-orders' };
const call = { attempt: 2, latencyMs: 12.6, answeredAt: new Date('2024-03-15T10:24:32.456Z') };

function answerFor(order = sampleTaxOrder(1)): TaxResponse {
  const state = { level: 'STATE', code: '06', name: 'CALIFORNIA', taxName: 'CA STATE TAX', rate: '0.0625', taxableAmount: '17.99', tax: '1.1244' };
  const district = { level: 'TRANSIT_DISTRICT', code: 'SFBART', name: 'BART', taxName: null, rate: '0.005', taxableAmount: '17.99', tax: '0.09' };
  return parseTaxResponse({
    calculationId: 'calc_1',
    orderId: order.orderId,
    currency: order.currency,
    calculatedAt: '2024-03-15T10:24:32.000Z',
    totalAmount: '17.99',
    totalTaxable: '17.99',
    totalExempt: '0',
    totalTax: '1.2144',
    lines: [{ lineNumber: 1, sku: 'WIDGET-1', amount: '17.99', taxableAmount: '17.99', exemptAmount: '0', tax: '1.2144', taxCode: 'P0000000', jurisdictions: [state, district] }],
    jurisdictions: [state, district],
  });
}

describe('the TaxResult of an answer', () => {
  it('copies the calculation at the schema scales and encodes as TaxResult', () => {
    const order = sampleTaxOrder(1);
    const result = taxResultOf(scope, order, answerFor(order), call);
    assert.equal(result.calculationId, 'calc_1');
    assert.equal(result.totalAmount, '17.9900');
    assert.equal(result.totalExempt, '0.0000');
    assert.equal(result.lines[0].jurisdictions[0].rate, '0.062500');
    assert.equal(result.attempt, 2);
    assert.equal(result.apiLatencyMs, 13);
    assert.equal(result.orderUpdatedAt, order.updatedAt);
    assert.equal(result.calculatedAt, call.answeredAt);
    assert.doesNotThrow(() => platformType('tax-result').toBuffer(result));
  });

  it('reads a jurisdiction level it does not know as SPECIAL', () => {
    const result = taxResultOf(scope, sampleTaxOrder(1), answerFor(), call);
    assert.equal(result.jurisdictions[1].level, 'SPECIAL');
  });

  it('takes tenant and pipeline from the scope it was consumed in, not from the order', () => {
    const order = { ...sampleTaxOrder(1), tenant: 'globex' };
    assert.equal(taxResultOf(scope, order, answerFor(order), call).tenant, 'acme');
  });

  it('refuses an answer for another order, currency or set of lines', () => {
    const order = sampleTaxOrder(1);
    assert.throws(() => taxResultOf(scope, order, { ...answerFor(), orderId: 'SO-9' }, call), InvalidAnswerError);
    assert.throws(() => taxResultOf(scope, order, { ...answerFor(), currency: 'EUR' }, call), /in EUR/);
    assert.throws(() => taxResultOf(scope, sampleTaxOrder(2), answerFor(), call), /lines 1, the order 1,2/);
  });

  it('takes an answer whose line numbers are the order\'s in any order, and refuses any other set of lines', () => {
    const numbers = fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(numbers, numbers, fc.boolean(), (asked, other, shuffled) => {
        const answeredNumbers = shuffled ? [...asked].reverse() : other;
        const order = taxOrderFixture({ lines: asked.map((lineNumber) => orderLineFixture({ lineNumber })) });
        const base = answerFor();
        const answer = { ...base, orderId: order.orderId, lines: answeredNumbers.map((lineNumber) => ({ ...base.lines[0], lineNumber })) };
        const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b).join();
        const same = sorted(asked) === sorted(answeredNumbers);
        if (same) assert.equal(taxResultOf(scope, order, answer, call).lines.length, asked.length);
        else assert.throws(() => taxResultOf(scope, order, answer, call), new RegExp(`the answer has lines ${sorted(answeredNumbers)}, the order ${sorted(asked)}$`));
      }),
    );
  });

  it('refuses a body that is not a calculation, naming the field', () => {
    assert.throws(() => parseTaxResponse({ ...answerFor(), totalTax: 1.21 }), /totalTax/);
    assert.throws(() => parseTaxResponse({ ...answerFor(), totalTax: '1.23456' }), /totalTax/);
    assert.throws(() => parseTaxResponse('<html>'), InvalidAnswerError);
  });
});
