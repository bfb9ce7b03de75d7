/**
 * DeleteRecords (api key 21), one shape for v0..v1. Field names follow Apache Kafka's
 * DeleteRecordsRequest.json / DeleteRecordsResponse.json.
 */
export interface DeleteRecordsPartition {
  readonly partitionIndex: number;
  /** Delete every record before this offset; -1 means up to the high watermark. */
  readonly offset: number;
}

export interface DeleteRecordsTopic {
  readonly name: string;
  readonly partitions: readonly DeleteRecordsPartition[];
}

export interface DeleteRecordsRequest {
  readonly topics: readonly DeleteRecordsTopic[];
  readonly timeoutMs: number;
}

export interface DeleteRecordsPartitionResult {
  readonly partitionIndex: number;
  /** The partition's new log start offset, or -1 with an error. */
  readonly lowWatermark: number;
  readonly errorCode: number;
}

export interface DeleteRecordsTopicResult {
  readonly name: string;
  readonly partitions: readonly DeleteRecordsPartitionResult[];
}

export interface DeleteRecordsResponse {
  /** 0 when absent. */
  readonly throttleTimeMs?: number;
  readonly topics: readonly DeleteRecordsTopicResult[];
}
