import type { Decoder } from '../../../decoder';
import { COORDINATOR_KEY_TYPE, type FindCoordinatorRequest } from '../types';

/**
 * FindCoordinator Request (Version: 0) => group_id
 *   group_id => STRING
 */
export function decode(d: Decoder): FindCoordinatorRequest {
  return { key: d.string(), keyType: COORDINATOR_KEY_TYPE.GROUP };
}
