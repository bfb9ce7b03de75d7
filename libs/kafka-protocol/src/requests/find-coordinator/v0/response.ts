import type { Encoder } from '../../../encoder';
import type { FindCoordinatorResponse } from '../types';

/**
 * FindCoordinator Response (Version: 0) => error_code coordinator
 *   error_code => INT16
 *   coordinator => node_id host port
 *     node_id => INT32
 *     host => STRING
 *     port => INT32
 */
export function encode(e: Encoder, res: FindCoordinatorResponse): void {
  e.int16(res.errorCode);
  writeCoordinator(e, res);
}

export function writeCoordinator(e: Encoder, res: FindCoordinatorResponse): void {
  e.int32(res.nodeId).string(res.host).int32(res.port);
}
