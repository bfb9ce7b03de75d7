import {
  errorCode, SUPPORTED_API_VERSIONS, type ApiVersionsResponse, type FindCoordinatorRequest, type FindCoordinatorResponse,
  type InitProducerIdRequest, type InitProducerIdResponse,
} from '@tributary/kafka-protocol';
import type { BrokerCore } from '../broker-core';

export function handleApiVersions(): ApiVersionsResponse {
  return { errorCode: 0, apiVersions: SUPPORTED_API_VERSIONS, throttleTimeMs: 0 };
}

/** One node: it coordinates every group. Transaction coordinators are not offered. */
export function handleFindCoordinator(broker: BrokerCore, req: FindCoordinatorRequest): FindCoordinatorResponse {
  if (req.keyType !== 0) {
    return { throttleTimeMs: 0, errorCode: errorCode('COORDINATOR_NOT_AVAILABLE'), errorMessage: 'transactions are not supported', nodeId: -1, host: '', port: -1 };
  }
  return { throttleTimeMs: 0, errorCode: 0, errorMessage: null, nodeId: broker.nodeId, host: broker.advertisedHost, port: broker.advertisedPort };
}

/** Idempotent producers get a fresh id at epoch 0; transactional ids are refused (no transactions). */
export function handleInitProducerId(broker: BrokerCore, req: InitProducerIdRequest): InitProducerIdResponse {
  if (req.transactionalId !== null) {
    return { throttleTimeMs: 0, errorCode: errorCode('TRANSACTIONAL_ID_AUTHORIZATION_FAILED'), producerId: -1, producerEpoch: -1 };
  }
  return { throttleTimeMs: 0, errorCode: 0, producerId: broker.producerIds.allocate(), producerEpoch: 0 };
}
