/**
 * Every API the broker implements, in one literal list. It answers ApiVersions (so clients
 * pick versions we speak) and routes requests; adding an API is one line here.
 */
import type { ApiDefinition } from './api';
import { versionRange } from './api';
import { alterConfigs } from './requests/alter-configs';
import { apiVersions } from './requests/api-versions';
import { createPartitions } from './requests/create-partitions';
import { createTopics } from './requests/create-topics';
import { deleteGroups } from './requests/delete-groups';
import { deleteRecords } from './requests/delete-records';
import { deleteTopics } from './requests/delete-topics';
import { describeConfigs } from './requests/describe-configs';
import { describeGroups } from './requests/describe-groups';
import { fetch } from './requests/fetch';
import { findCoordinator } from './requests/find-coordinator';
import { heartbeat } from './requests/heartbeat';
import { initProducerId } from './requests/init-producer-id';
import { joinGroup } from './requests/join-group';
import { leaveGroup } from './requests/leave-group';
import { listGroups } from './requests/list-groups';
import { listOffsets } from './requests/list-offsets';
import { metadata } from './requests/metadata';
import { offsetCommit } from './requests/offset-commit';
import { offsetFetch } from './requests/offset-fetch';
import { produce } from './requests/produce';
import { saslAuthenticate } from './requests/sasl-authenticate';
import { saslHandshake } from './requests/sasl-handshake';
import { syncGroup } from './requests/sync-group';
import type { ApiVersionRange } from './requests/api-versions';

export const IMPLEMENTED_APIS: readonly ApiDefinition<any, any>[] = [ // eslint-disable-line @typescript-eslint/no-explicit-any
  produce, fetch, listOffsets, metadata, offsetCommit, offsetFetch, findCoordinator,
  joinGroup, heartbeat, leaveGroup, syncGroup, describeGroups, listGroups, saslHandshake,
  apiVersions, createTopics, deleteTopics, deleteRecords, initProducerId, describeConfigs,
  alterConfigs, saslAuthenticate, createPartitions, deleteGroups,
];

/**
 * Known APIs we do not implement, so nobody wonders: transactions (AddPartitionsToTxn 24,
 * AddOffsetsToTxn 25, EndTxn 26, TxnOffsetCommit 28), ACLs (DescribeAcls 29, CreateAcls 30,
 * DeleteAcls 31), replication and KRaft internals, partition reassignment (45, 46),
 * IncrementalAlterConfigs 44 and the KIP-848 consumer protocol (68). Requests for them get
 * UNSUPPORTED_VERSION and the connection is closed.
 */
export const NOT_IMPLEMENTED_APIS = {
  24: 'AddPartitionsToTxn', 25: 'AddOffsetsToTxn', 26: 'EndTxn', 28: 'TxnOffsetCommit',
  29: 'DescribeAcls', 30: 'CreateAcls', 31: 'DeleteAcls', 44: 'IncrementalAlterConfigs',
  45: 'AlterPartitionReassignments', 46: 'ListPartitionReassignments', 68: 'ConsumerGroupHeartbeat',
} as const;

const byKey = new Map(IMPLEMENTED_APIS.map((api) => [api.key, api]));

export function apiByKey(key: number): ApiDefinition<any, any> | undefined { // eslint-disable-line @typescript-eslint/no-explicit-any
  return byKey.get(key);
}

export const SUPPORTED_API_VERSIONS: readonly ApiVersionRange[] = IMPLEMENTED_APIS.map((api) => {
  const { min, max } = versionRange(api);
  return { apiKey: api.key, minVersion: min, maxVersion: max };
});
