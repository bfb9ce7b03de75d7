import type { RecordMetadata } from 'kafkajs';
import { writeRecordHeaders } from './record-headers';
import type { ReceivedRecord } from './error-topic';
import { siblingStageTopic } from './stage-topics';
import type { StreamProducer } from './stream-producer';

/** `<p>.retry` of the record's pipeline; a record retried from `<p>.retry` goes back there. */
export function retryTopicOf(topic: string): string {
  return siblingStageTopic(topic, 'retry');
}

/**
 * Re-publishes a record to `retryTopic` to be tried again at `retryAt`: the same key and
 * payload bytes (Confluent framing included: consumers decode by the frame's schema id, so the
 * `<p>.retry-value` subject needs no schema of its own), the same context headers, and the
 * attempt and due time in retry headers. A ConsumerRunner holds back a record that is not due
 * yet by pausing only its partition, so nothing else waits for it.
 */
export function sendToRetry(
  producer: StreamProducer,
  retryTopic: string,
  record: ReceivedRecord,
  next: { readonly attempt: number; readonly retryAt: number },
): Promise<RecordMetadata[]> {
  return producer.publishEncoded(retryTopic, [
    { key: record.keyBytes, value: record.payload, headers: writeRecordHeaders(record.context, next) },
  ]);
}
