import { errorCode, KafkaProtocolError } from '@tributary/kafka-protocol';

/** The Kafka error code an exception stands for; anything unexpected is UNKNOWN_SERVER_ERROR. */
export function errorCodeOf(err: unknown): number {
  return err instanceof KafkaProtocolError ? err.code : errorCode('UNKNOWN_SERVER_ERROR');
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
