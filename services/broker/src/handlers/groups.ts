/**
 * Group APIs mapped onto the coordinator (../groups). The wire types and the coordinator's
 * types share Kafka's field names, so the mapping is mostly pass-through; what is added here
 * is what only the broker knows: the client's id and host, and which partitions exist.
 */
import {
  errorCode, type DeleteGroupsRequest, type DeleteGroupsResponse, type DescribeGroupsRequest, type DescribeGroupsResponse,
  type HeartbeatRequest, type HeartbeatResponse, type JoinGroupRequest, type JoinGroupResponse, type LeaveGroupRequest,
  type LeaveGroupResponse, type ListGroupsResponse, type OffsetCommitRequest, type OffsetCommitResponse,
  type OffsetFetchRequest, type OffsetFetchResponse, type SyncGroupRequest, type SyncGroupResponse,
} from '@tributary/kafka-protocol';
import type { BrokerCore } from '../broker-core';
import type { RequestContext } from '../request-context';

export async function handleJoinGroup(broker: BrokerCore, req: JoinGroupRequest, ctx: RequestContext): Promise<JoinGroupResponse> {
  const result = await broker.groups.joinGroup({
    ...req, apiVersion: ctx.header.apiVersion, clientId: ctx.header.clientId ?? '', clientHost: ctx.connection.clientHost,
  });
  return { ...result, throttleTimeMs: 0 };
}

export async function handleSyncGroup(broker: BrokerCore, req: SyncGroupRequest): Promise<SyncGroupResponse> {
  return { ...(await broker.groups.syncGroup(req)), throttleTimeMs: 0 };
}

export function handleHeartbeat(broker: BrokerCore, req: HeartbeatRequest): HeartbeatResponse {
  return { ...broker.groups.heartbeat(req), throttleTimeMs: 0 };
}

export function handleLeaveGroup(broker: BrokerCore, req: LeaveGroupRequest): LeaveGroupResponse {
  const result = broker.groups.leaveGroup(req);
  // v0-v2 carry one member and no per-member errors: its error becomes the answer's.
  const memberError = result.members[0]?.errorCode ?? 0;
  return { throttleTimeMs: 0, errorCode: result.errorCode || (req.members.length === 1 ? memberError : 0), members: result.members };
}

/** Commits to partitions that do not exist are refused per partition; the rest go to the coordinator. */
export async function handleOffsetCommit(broker: BrokerCore, req: OffsetCommitRequest): Promise<OffsetCommitResponse> {
  const exists = (topic: string, partition: number): boolean => {
    const described = broker.topics.describeTopic(topic);
    return described !== undefined && partition >= 0 && partition < described.partitions;
  };
  const known = req.topics
    .map((t) => ({ name: t.name, partitions: t.partitions.filter((p) => exists(t.name, p.partitionIndex)) }))
    .filter((t) => t.partitions.length > 0);
  const committed = await broker.groups.commitOffsets({ ...req, topics: known });
  const answered = new Map(committed.topics.flatMap((t) => t.partitions.map((p) => [`${t.name}\0${p.partitionIndex}`, p.errorCode])));
  const unknown = errorCode('UNKNOWN_TOPIC_OR_PARTITION');
  return {
    throttleTimeMs: 0,
    topics: req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => ({
        partitionIndex: p.partitionIndex, errorCode: answered.get(`${t.name}\0${p.partitionIndex}`) ?? unknown,
      })),
    })),
  };
}

export function handleOffsetFetch(broker: BrokerCore, req: OffsetFetchRequest, ctx: RequestContext): OffsetFetchResponse {
  const result = broker.groups.fetchOffsets(req.groupId, req.topics);
  // OffsetFetch v1 has no group-level error: Kafka repeats it on every partition.
  const perPartition = ctx.header.apiVersion < 2 ? result.errorCode : 0;
  return {
    throttleTimeMs: 0,
    errorCode: result.errorCode,
    topics: result.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => ({
        partitionIndex: p.partitionIndex, committedOffset: p.committedOffset, metadata: p.metadata,
        errorCode: p.errorCode || perPartition,
      })),
    })),
  };
}

export function handleDescribeGroups(broker: BrokerCore, req: DescribeGroupsRequest): DescribeGroupsResponse {
  return { throttleTimeMs: 0, groups: broker.groups.describeGroups(req.groups) };
}

export function handleListGroups(broker: BrokerCore): ListGroupsResponse {
  const result = broker.groups.listGroups();
  return { throttleTimeMs: 0, errorCode: result.errorCode, groups: result.groups.map(({ groupId, protocolType }) => ({ groupId, protocolType })) };
}

export async function handleDeleteGroups(broker: BrokerCore, req: DeleteGroupsRequest): Promise<DeleteGroupsResponse> {
  return { throttleTimeMs: 0, results: await broker.groups.deleteGroups(req.groupsNames) };
}
