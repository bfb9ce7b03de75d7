/** InitProducerId (api key 22), v0..v1: both versions share one layout. */
export interface InitProducerIdRequest {
  /** null for an idempotent producer without transactions. */
  readonly transactionalId: string | null;
  readonly transactionTimeoutMs: number;
}

export interface InitProducerIdResponse {
  readonly throttleTimeMs?: number;
  readonly errorCode: number;
  /** -1 and -1 alongside an error. */
  readonly producerId: number;
  readonly producerEpoch: number;
}
