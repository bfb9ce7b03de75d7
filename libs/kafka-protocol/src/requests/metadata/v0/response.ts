import type { Encoder } from '../../../encoder';
import type { MetadataBroker, MetadataPartition, MetadataResponse, MetadataTopic } from '../types';

/**
 * Metadata Response (Version: 0) => [brokers] [topics]
 *   brokers => node_id host port
 *     node_id => INT32
 *     host => STRING
 *     port => INT32
 *   topics => error_code name [partitions]
 *     error_code => INT16
 *     name => STRING
 *     partitions => error_code partition_index leader_id [replica_nodes] [isr_nodes]
 *       error_code => INT16
 *       partition_index => INT32
 *       leader_id => INT32
 *       replica_nodes => INT32
 *       isr_nodes => INT32
 */
export type Writer<T> = (e: Encoder, item: T) => void;

const int32: Writer<number> = (e, v) => e.int32(v);

export const encodeBroker: Writer<MetadataBroker> = (e, b) => {
  e.int32(b.nodeId).string(b.host).int32(b.port);
};

export const encodeTopicHead: Writer<MetadataTopic> = (e, t) => {
  e.int16(t.errorCode).string(t.name);
};

export const encodePartition: Writer<MetadataPartition> = (e, p) => {
  e.int16(p.errorCode).int32(p.partitionIndex).int32(p.leaderId).array(p.replicaNodes, int32).array(p.isrNodes, int32);
};

export const encodeInt32s = (e: Encoder, values: readonly number[]): void => {
  e.array(values, int32);
};

/** A topic entry: a version's head fields, then its partitions. */
export function topicWriter(writeHead: Writer<MetadataTopic>, writePartition: Writer<MetadataPartition>): Writer<MetadataTopic> {
  return (e, t) => {
    writeHead(e, t);
    e.array(t.partitions, writePartition);
  };
}

const encodeTopic = topicWriter(encodeTopicHead, encodePartition);

export function encode(e: Encoder, res: MetadataResponse): void {
  e.array(res.brokers, encodeBroker);
  e.array(res.topics, encodeTopic);
}
