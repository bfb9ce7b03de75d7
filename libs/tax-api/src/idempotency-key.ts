import { hash } from 'node:crypto';

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
  // SHA-256 of tenant NUL pipeline NUL orderId NUL body, in UTF-8. One-shot crypto.hash of the
  // joined text: the same bytes as updating a Hash part by part (a NUL between parts, so no
  // surrogate pair forms across two), without a Hash object per order.
  return `trb1_${hash('sha256', `${scope.tenant}\0${scope.pipeline}\0${orderId}\0${body}`, 'base64url')}`;
}
