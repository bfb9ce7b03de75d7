import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { idempotencyKeyOf } from './idempotency-key';
import { taxRequestOf } from './tax-request';
import { taxOrderFixture } from './tax-order-fixture';

/** The recipe as first written (trb1_): a SHA-256 updated part by part, a NUL after each of scope and order id. */
function keyAsFirstWritten(tenant: string, pipeline: string, orderId: string, body: string): string {
  const hash = createHash('sha256');
  for (const part of [tenant, pipeline, orderId]) hash.update(part).update('\0');
  return `trb1_${hash.update(body).digest('base64url')}`;
}

describe('the idempotency key', () => {
  it('is the key the recipe always gave, for any scope, order id and body (keys TAXMAN already holds stay valid)', () => {
    const text = fc.string({ unit: fc.oneof(fc.constantFrom('\0', '\ud800', '\udc00', '€', '😀'), fc.string({ unit: 'binary', maxLength: 1 }).filter((s) => s.length === 1), fc.constantFrom('a', '{', '"')), maxLength: 30 });
    fc.assert(
      fc.property(text, text, text, text, (tenant, pipeline, orderId, body) => {
        assert.equal(idempotencyKeyOf({ tenant, pipeline }, orderId, body), keyAsFirstWritten(tenant, pipeline, orderId, body));
      }),
      { numRuns: 2_000 },
    );
  });

  it('of the fixture order is the one the trb1_ recipe has always given it', () => {
    const order = taxOrderFixture();
    const key = idempotencyKeyOf({ tenant: 'acme', pipeline: 'erp-orders' }, order.orderId, JSON.stringify(taxRequestOf(order, 'acme')));
    assert.equal(key, 'trb1_k5IiskxBUiS_6_IrgetHyWhClLK-irDZJJLQIgL1ji0');
  });
});
