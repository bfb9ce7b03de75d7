import type { Decoder } from '../../../decoder';
import type { InitProducerIdRequest } from '../types';

/**
 * InitProducerId Request (Version: 0) => transactional_id transaction_timeout_ms
 *   transactional_id => NULLABLE_STRING
 *   transaction_timeout_ms => INT32
 *
 * v1 has the same layout (KIP-219 throttling).
 */
export function decode(d: Decoder): InitProducerIdRequest {
  return { transactionalId: d.nullableString(), transactionTimeoutMs: d.int32() };
}
