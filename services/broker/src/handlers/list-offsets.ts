import {
  LIST_OFFSETS_TIMESTAMP, type ListOffsetsPartitionResponse, type ListOffsetsRequest, type ListOffsetsResponse,
} from '@tributary/kafka-protocol';
import type { BrokerCore } from '../broker-core';
import { errorCodeOf } from './error-code';

/** ListOffsets: -1 latest (the high watermark), -2 earliest (log start), else the first offset at or after the time. */
export function handleListOffsets(broker: BrokerCore, req: ListOffsetsRequest): ListOffsetsResponse {
  return {
    throttleTimeMs: 0,
    topics: req.topics.map((topic) => ({
      name: topic.name,
      partitions: topic.partitions.map((p): ListOffsetsPartitionResponse => {
        try {
          const log = broker.topics.partition(topic.name, p.partitionIndex);
          let found: { offset: number; timestamp: number };
          if (p.timestamp === LIST_OFFSETS_TIMESTAMP.LATEST) found = { offset: log.highWatermark, timestamp: -1 };
          else if (p.timestamp === LIST_OFFSETS_TIMESTAMP.EARLIEST) found = { offset: log.logStartOffset, timestamp: -1 };
          else found = log.offsetForTimestamp(p.timestamp) ?? { offset: -1, timestamp: -1 };
          return { partitionIndex: p.partitionIndex, errorCode: 0, ...found, oldStyleOffsets: found.offset >= 0 ? [found.offset] : [] };
        } catch (err) {
          return { partitionIndex: p.partitionIndex, errorCode: errorCodeOf(err), timestamp: -1, offset: -1, oldStyleOffsets: [] };
        }
      }),
    })),
  };
}
