import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { orderLineFixture, taxOrderFixture, taxRequestOf } from '@tributary/tax-api';
import type { TaxOrder } from '@tributary/avro';
import { checkOrder } from './order-checks';

const bodyOf = (overrides: Partial<TaxOrder> = {}) => JSON.parse(JSON.stringify(taxRequestOf(taxOrderFixture(overrides), 'acme'))) as Record<string, unknown>;

describe('the sandbox order checks', () => {
  it('accept a valid order', () => {
    assert.equal(checkOrder(bodyOf()).ok, true);
  });

  it('answer 400 INVALID_REQUEST naming every field of a body that is not a tax request', () => {
    const check = checkOrder({ ...bodyOf(), currency: 12, lines: [{ ...orderLineFixture(), quantity: 1.5 }] });
    assert.equal(check.ok, false);
    if (check.ok) return;
    assert.equal(check.status, 400);
    assert.equal(check.answer.error.code, 'INVALID_REQUEST');
    assert.deepEqual(check.answer.error.problems.map((p) => p.field), ['currency', 'lines[0].quantity']);
  });

  it('answer 422 INVALID_ORDER for an unknown currency, a negative quantity, a discount above its line and an unknown tax code', () => {
    const lines = [
      orderLineFixture({ lineNumber: 1, quantity: '-1.0000' }),
      orderLineFixture({ lineNumber: 2, unitPrice: '5.0000', discounts: [{ code: null, amount: '6.0000' }] }),
      orderLineFixture({ lineNumber: 2, taxCode: 'X123' }),
    ];
    const check = checkOrder(bodyOf({ currency: 'XYZ', lines }));
    assert.equal(check.ok, false);
    if (check.ok) return;
    assert.equal(check.status, 422);
    assert.deepEqual(
      check.answer.error.problems.map((p) => [p.field, p.code]),
      [['currency', 'UNKNOWN_CURRENCY'], ['lines[0].quantity', 'NOT_POSITIVE'], ['lines[1].discounts', 'DISCOUNT_EXCEEDS_AMOUNT'], ['lines[2].lineNumber', 'DUPLICATE_LINE_NUMBER'], ['lines[2].taxCode', 'UNKNOWN_TAX_CODE']],
    );
    assert.match(check.answer.error.message, /5 problems/);
  });

  it('refuse an exemption reason TAXMAN does not know', () => {
    const check = checkOrder(bodyOf({ customer: { customerId: 'C', name: null, taxId: null, exemption: { certificateId: 'E', reasonCode: 'FRIENDS', region: null, expiresOn: null } } }));
    assert.equal(check.ok ? '' : check.answer.error.problems[0].field, 'customer.exemption.reasonCode');
  });
});
