// @tributary/stream: the one way services touch Kafka. Typed Avro producers, a consumer runner
// (batches in partition order, ErrorRecords, retries through <p>.retry, pauses, new topics,
// graceful shutdown), the record headers, and topic administration. Framework-free; the
// @nestjs/microservices Kafka transport plugs in through the serializer and deserializer below.
// This file is the library's only public API.

export { RECORD_HEADERS, RecordHeaderError, writeRecordHeaders, readRecordHeaders, readDelivery, headerText, type RecordContext, type Delivery } from './record-headers';
export { parseTraceparent, formatTraceparent, newTraceparent, childTraceparent, type TraceParent } from './traceparent';
export { parseStageTopic, siblingStageTopic, stageTopicPattern, type StageTopic } from './stage-topics';

export { createStreamProducer, valueSubjectOf, PublishError, type StreamProducer, type StreamProducerOptions, type OutgoingRecord, type EncodedRecord, type PublishOptions } from './stream-producer';

export { ConsumerRunner } from './consumer-runner';
export type { ConsumerRunnerOptions } from './consumer-runner-options';
export { retryLater, PAUSE_PARTITION, DROPPED, type ConsumedRecord, type RecordHandler, type HandlerOutcome, type Reason } from './consumed-record';
export { RecordRejection, reasonsOf } from './record-rejection';
export { errorRecordOf, errorTopicOf, sendToErrors, type ErrorStage, type Failure, type ReceivedRecord } from './error-topic';
export { retryTopicOf, sendToRetry } from './retry-topic';
export { retryDelayMs, retryScheduleOf, DEFAULT_RETRY_SCHEDULE, type RetrySchedule } from './retry-schedule';
export type { TopicPartitions, HoldReason } from './partition-holds';
export { matchTopics, type TopicSubscription, type TopicSet } from './topic-watch';
export { stderrLogger, silentLogger, type StreamLogger } from './stream-logger';
export { isTellingKafkaLog } from './kafkajs-log';

export { ensureTopics, ensurePipelineTopics, internalTopicSpecs, type TopicSpec, type TopicChanges } from './topic-admin';

/** Avro for @nestjs/microservices' Kafka transport (Nest's Serializer/Deserializer shapes, no Nest import). */
export { AvroKafkaSerializer, type NestKafkaOutgoing, type NestKafkaMessage } from './nest/avro-kafka.serializer';
export { AvroKafkaDeserializer, type NestKafkaIncoming, type AvroKafkaEvent } from './nest/avro-kafka.deserializer';
