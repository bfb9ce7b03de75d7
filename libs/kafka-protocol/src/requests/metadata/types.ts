/** Metadata (api key 3), v0..v6: one shape for every version; fields a version lacks are optional. */
export interface MetadataRequest {
  /** null: all topics. (v0 says so with an empty array; v1+ with null, and [] means none.) */
  readonly topics: readonly string[] | null;
  /** v4+. Before v4 Kafka auto-creates per broker config, i.e. treat undefined as true. */
  readonly allowAutoTopicCreation?: boolean;
}

export interface MetadataResponse {
  /** v3+. */
  readonly throttleTimeMs?: number;
  readonly brokers: readonly MetadataBroker[];
  /** v2+; null when unknown. */
  readonly clusterId?: string | null;
  /** v1+; -1 (the default) when there is none. */
  readonly controllerId?: number;
  readonly topics: readonly MetadataTopic[];
}

export interface MetadataBroker {
  readonly nodeId: number;
  readonly host: string;
  readonly port: number;
  /** v1+. */
  readonly rack?: string | null;
}

export interface MetadataTopic {
  readonly errorCode: number;
  readonly name: string;
  /** v1+: true for the broker's own topics (e.g. __consumer_offsets). */
  readonly isInternal?: boolean;
  readonly partitions: readonly MetadataPartition[];
}

/** leader_epoch arrives in v7, beyond the versions served here. */
export interface MetadataPartition {
  readonly errorCode: number;
  readonly partitionIndex: number;
  readonly leaderId: number;
  readonly replicaNodes: readonly number[];
  readonly isrNodes: readonly number[];
  /** v5+. */
  readonly offlineReplicas?: readonly number[];
}
