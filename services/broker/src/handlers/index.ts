import {
  alterConfigs, apiVersions, createPartitions, createTopics, deleteGroups, deleteRecords, deleteTopics, describeConfigs,
  describeGroups, fetch, findCoordinator, heartbeat, IMPLEMENTED_APIS, initProducerId, joinGroup, leaveGroup, listGroups,
  listOffsets, metadata, offsetCommit, offsetFetch, produce, saslAuthenticate, saslHandshake, syncGroup,
} from '@tributary/kafka-protocol';
import type { BrokerCore } from '../broker-core';
import type { RequestDispatcher } from '../network/connection';
import type { HandlerResult, RequestContext } from '../request-context';
import { handleApiVersions, handleFindCoordinator, handleInitProducerId } from './cluster';
import { handleAlterConfigs, handleDescribeConfigs } from './configs';
import { handleFetch } from './fetch';
import {
  handleDeleteGroups, handleDescribeGroups, handleHeartbeat, handleJoinGroup, handleLeaveGroup, handleListGroups,
  handleOffsetCommit, handleOffsetFetch, handleSyncGroup,
} from './groups';
import { handleListOffsets } from './list-offsets';
import { handleMetadata } from './metadata';
import { handleProduce } from './produce';
import type { SaslGate } from './sasl';
import { handleCreatePartitions, handleCreateTopics, handleDeleteRecords, handleDeleteTopics } from './topic-admin';

type Handler = (req: any, ctx: RequestContext) => HandlerResult<unknown>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One handler per API in the API table; a missing one fails at start, not on the first request. */
export function requestDispatcher(broker: BrokerCore, sasl: SaslGate): RequestDispatcher {
  const handlers: Record<number, Handler> = {
    [apiVersions.key]: () => handleApiVersions(),
    [produce.key]: (req) => handleProduce(broker, req),
    [fetch.key]: (req) => handleFetch(broker, req),
    [listOffsets.key]: (req) => handleListOffsets(broker, req),
    [metadata.key]: (req) => handleMetadata(broker, req),
    [initProducerId.key]: (req) => handleInitProducerId(broker, req),
    [findCoordinator.key]: (req) => handleFindCoordinator(broker, req),
    [joinGroup.key]: (req, ctx) => handleJoinGroup(broker, req, ctx),
    [syncGroup.key]: (req) => handleSyncGroup(broker, req),
    [heartbeat.key]: (req) => handleHeartbeat(broker, req),
    [leaveGroup.key]: (req) => handleLeaveGroup(broker, req),
    [offsetCommit.key]: (req) => handleOffsetCommit(broker, req),
    [offsetFetch.key]: (req, ctx) => handleOffsetFetch(broker, req, ctx),
    [describeGroups.key]: (req) => handleDescribeGroups(broker, req),
    [listGroups.key]: () => handleListGroups(broker),
    [deleteGroups.key]: (req) => handleDeleteGroups(broker, req),
    [createTopics.key]: (req) => handleCreateTopics(broker, req),
    [deleteTopics.key]: (req) => handleDeleteTopics(broker, req),
    [createPartitions.key]: (req) => handleCreatePartitions(broker, req),
    [deleteRecords.key]: (req) => handleDeleteRecords(broker, req),
    [describeConfigs.key]: (req) => handleDescribeConfigs(broker, req),
    [alterConfigs.key]: (req) => handleAlterConfigs(broker, req),
    [saslHandshake.key]: (req, ctx) => sasl.handshake(req, ctx.connection, ctx.header.apiVersion),
    [saslAuthenticate.key]: (req, ctx) => sasl.authenticate(req, ctx.connection),
  };
  const missing = IMPLEMENTED_APIS.filter((api) => !handlers[api.key]).map((api) => api.name);
  if (missing.length > 0) throw new Error(`no broker handler for ${missing.join(', ')}`);
  return (apiKey, request, ctx) => handlers[apiKey](request, ctx);
}
