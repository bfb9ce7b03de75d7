import {
  errorCode, KafkaProtocolError, splitBatches, type ProducePartitionResponse, type ProduceRequest, type ProduceResponse,
} from '@tributary/kafka-protocol';
import type { BrokerCore } from '../broker-core';
import { NO_RESPONSE, type HandlerResult } from '../request-context';
import { errorCodeOf } from './error-code';

/**
 * Produce: validate and append each partition's batch, then answer. acks=-1 answers only after
 * every touched partition's flush round (one grouped fdatasync) covers the append; acks=1
 * answers once the batch is in the page cache; acks=0 gets no answer at all.
 */
export function handleProduce(broker: BrokerCore, req: ProduceRequest): HandlerResult<ProduceResponse> {
  const flushes: Array<Promise<void>> = [];
  const topics = req.topics.map((topic) => ({
    name: topic.name,
    partitions: topic.partitions.map((p): ProducePartitionResponse & { flush?: Promise<void> } => {
      try {
        if (req.acks !== 0 && req.acks !== 1 && req.acks !== -1) throw new KafkaProtocolError('INVALID_REQUIRED_ACKS');
        if (req.transactionalId !== null) {
          throw new KafkaProtocolError('TRANSACTIONAL_ID_AUTHORIZATION_FAILED', 'transactions are not supported by this broker');
        }
        const log = broker.topics.partition(topic.name, p.partitionIndex);
        const batches = splitBatches(p.records ?? Buffer.alloc(0));
        // Kafka requires exactly one batch per partition from produce v3 on (KIP-98).
        if (batches.length !== 1) throw new KafkaProtocolError('INVALID_RECORD', `expected one record batch, got ${batches.length}`);
        const size = batches[0].bytes.length;
        if (size > log.config['max.message.bytes']) {
          throw new KafkaProtocolError('MESSAGE_TOO_LARGE', `batch of ${size} bytes exceeds max.message.bytes ${log.config['max.message.bytes']}`);
        }
        const result = log.append([batches[0].bytes]);
        const flush = req.acks === -1 ? log.flush() : undefined;
        if (flush) flushes.push(flush.catch(() => undefined));
        return {
          partitionIndex: p.partitionIndex, errorCode: 0, baseOffset: result.baseOffset,
          logAppendTimeMs: result.logAppendTime, logStartOffset: result.logStartOffset, flush,
        };
      } catch (err) {
        if (!(err instanceof KafkaProtocolError)) broker.log.error({ err, topic: topic.name, partition: p.partitionIndex }, 'append failed');
        return { partitionIndex: p.partitionIndex, errorCode: errorCodeOf(err), baseOffset: -1, logAppendTimeMs: -1, logStartOffset: -1 };
      }
    }),
  }));
  if (req.acks === 0) return NO_RESPONSE;
  if (flushes.length === 0) return { topics: topics.map(withoutFlush), throttleTimeMs: 0 };
  return Promise.all(flushes).then(async () => {
    for (const topic of topics) {
      for (const p of topic.partitions) {
        if (p.flush) await p.flush.catch(() => Object.assign(p, { errorCode: errorCode('KAFKA_STORAGE_ERROR'), baseOffset: -1 }));
      }
    }
    return { topics: topics.map(withoutFlush), throttleTimeMs: 0 };
  });
}

function withoutFlush(topic: { name: string; partitions: Array<ProducePartitionResponse & { flush?: unknown }> }) {
  return { name: topic.name, partitions: topic.partitions.map(({ flush: _flush, ...p }) => p) };
}
