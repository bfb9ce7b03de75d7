import {
  KafkaProtocolError, type FetchPartitionResponse, type FetchRequest, type FetchResponse,
} from '@tributary/kafka-protocol';
import type { BrokerCore } from '../broker-core';
import type { PartitionLog } from '../log/partition-log';
import { errorCodeOf } from './error-code';

const EMPTY: Buffer = Buffer.alloc(0);

/**
 * Fetch with long polling: answer at once when at least min_bytes are there, else wait until
 * a requested partition's high watermark moves (then look again) or max_wait_ms passes.
 * Limits follow KIP-74: partition_max_bytes per partition and max_bytes for the whole answer,
 * except that the first batch found is sent whole even when larger, so a consumer never stalls
 * behind a batch bigger than its limits.
 */
export async function handleFetch(broker: BrokerCore, req: FetchRequest): Promise<FetchResponse> {
  const deadline = Date.now() + Math.max(0, req.maxWaitMs);
  for (;;) {
    const { response, bytes, failed, logs } = collect(broker, req);
    const remainingWait = deadline - Date.now();
    // min_bytes 0 (or less) asks for an answer at once, data or not, as Kafka gives it.
    if (bytes >= req.minBytes || failed || remainingWait <= 0 || logs.length === 0) return response;
    await highWatermarkMoved(logs, remainingWait);
  }
}

function collect(broker: BrokerCore, req: FetchRequest) {
  let budget = req.maxBytes > 0 ? req.maxBytes : Number.MAX_SAFE_INTEGER;
  let bytes = 0;
  let failed = false;
  const logs: PartitionLog[] = [];
  const topics = req.topics.map((topic) => ({
    name: topic.name,
    partitions: topic.partitions.map((p): FetchPartitionResponse => {
      try {
        const log = broker.topics.partition(topic.name, p.partitionIndex);
        logs.push(log);
        const highWatermark = log.highWatermark;
        if (p.fetchOffset < log.logStartOffset || p.fetchOffset > highWatermark) {
          throw new KafkaProtocolError('OFFSET_OUT_OF_RANGE', `${topic.name}-${p.partitionIndex} offset ${p.fetchOffset}`);
        }
        let records = EMPTY;
        if (p.fetchOffset < highWatermark && budget > 0) {
          records = log.read(p.fetchOffset, Math.min(p.partitionMaxBytes, budget));
          // Only the answer's first data may exceed the limits (KIP-74).
          if (bytes > 0 && records.length > budget) records = EMPTY;
        }
        bytes += records.length;
        budget -= records.length;
        return {
          partitionIndex: p.partitionIndex, errorCode: 0, highWatermark, lastStableOffset: highWatermark,
          logStartOffset: log.logStartOffset, abortedTransactions: null, preferredReadReplica: -1, records,
        };
      } catch (err) {
        failed = true;
        return {
          partitionIndex: p.partitionIndex, errorCode: errorCodeOf(err), highWatermark: -1, lastStableOffset: -1,
          logStartOffset: -1, abortedTransactions: null, preferredReadReplica: -1, records: null,
        };
      }
    }),
  }));
  const response: FetchResponse = { throttleTimeMs: 0, errorCode: 0, sessionId: 0, topics };
  return { response, bytes, failed, logs };
}

function highWatermarkMoved(logs: readonly PartitionLog[], timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const unsubscribes: Array<() => void> = [];
    const done = (): void => {
      clearTimeout(timer);
      for (const unsubscribe of unsubscribes) unsubscribe();
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    for (const log of logs) unsubscribes.push(log.onHighWatermark(done));
  });
}
