import type { Encoder } from '../../../encoder';
import type { InitProducerIdResponse } from '../types';

/**
 * InitProducerId Response (Version: 0) => throttle_time_ms error_code producer_id producer_epoch
 *   throttle_time_ms => INT32
 *   error_code => INT16
 *   producer_id => INT64
 *   producer_epoch => INT16
 *
 * v1 has the same layout (KIP-219 throttling).
 */
export function encode(e: Encoder, res: InitProducerIdResponse): void {
  e.int32(res.throttleTimeMs ?? 0).int16(res.errorCode).int64(res.producerId).int16(res.producerEpoch);
}
