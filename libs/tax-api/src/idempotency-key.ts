import { createHash } from 'node:crypto';

/** Who sends an order: the idempotency key's scope, so two tenants' equal orders never share a calculation. */
export interface OrderScope {
  readonly tenant: string;
  readonly pipeline: string;
}

/**
 * The Idempotency-Key of one version of one order: a hash of the scope, the order id and the
 * exact request body. The same order sent again (a retry through `<p>.retry`, a redelivery after
 * a crash, a replay from an earlier offset) hashes to the same key, and TAXMAN answers with the
 * calculation it already made instead of taxing the order twice. A changed order (another
 * amount, address, date...) is a new body, so a new key and a new calculation, even if the
 * source forgot to bump updatedAt; a version whose tax-relevant fields did not change keeps the
 * calculation it had. `trb1_` versions the recipe: if the request mapping ever changes, old
 * keys must not be taken for new ones.
 */
export function idempotencyKeyOf(scope: OrderScope, orderId: string, body: string): string {
  const hash = createHash('sha256');
  for (const part of [scope.tenant, scope.pipeline, orderId]) hash.update(part).update('\0');
  return `trb1_${hash.update(body).digest('base64url')}`;
}
