/**
 * What the coordinator takes and answers for the membership APIs. Field names follow Apache
 * Kafka's request/response JSON schemas, so the wire codecs map onto these one to one; the
 * few extra request fields come from the request header or the connection.
 */
import type { GroupState } from './group-state';
import type { MemberProtocol } from './member';

export interface JoinGroupRequest {
  /** The JoinGroup version; v4+ (KIP-394) must rejoin with the id we hand out. */
  readonly apiVersion: number;
  /** From the request header; prefixes generated member ids as in Kafka. */
  readonly clientId: string;
  /** The peer's address, shown by DescribeGroups. */
  readonly clientHost: string;
  readonly groupId: string;
  readonly sessionTimeoutMs: number;
  /** v0 has none: pass the session timeout, as Kafka does. */
  readonly rebalanceTimeoutMs: number;
  /** "" on a member's first join. */
  readonly memberId: string;
  /** v5+ static membership; null when absent. */
  readonly groupInstanceId: string | null;
  readonly protocolType: string;
  readonly protocols: readonly MemberProtocol[];
}

export interface JoinGroupMember {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly metadata: Buffer;
}

export interface JoinGroupResult {
  readonly errorCode: number;
  /** -1 on error. */
  readonly generationId: number;
  /** v7+ on the wire; null on error. */
  readonly protocolType: string | null;
  /** The chosen assignor; "" on error. */
  readonly protocolName: string;
  /** The leader's member id; "" on error. */
  readonly leader: string;
  /** This member's id, also with MEMBER_ID_REQUIRED and when echoing an error. */
  readonly memberId: string;
  /** Every member with its metadata for the chosen protocol, for the leader; empty for others. */
  readonly members: readonly JoinGroupMember[];
}

export interface SyncGroupRequest {
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  /** Sent by the leader only; followers send an empty list. */
  readonly assignments: readonly { readonly memberId: string; readonly assignment: Buffer }[];
}

export interface SyncGroupResult {
  readonly errorCode: number;
  /** This member's assignment; empty on error. */
  readonly assignment: Buffer;
}

export interface HeartbeatRequest {
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
}

export interface HeartbeatResult {
  /** REBALANCE_IN_PROGRESS tells the member to rejoin. */
  readonly errorCode: number;
}

export interface LeavingMember {
  /** "" is allowed in v3 when groupInstanceId names the member. */
  readonly memberId: string;
  readonly groupInstanceId: string | null;
}

export interface LeaveGroupRequest {
  readonly groupId: string;
  /** v0-v2 carry one member; v3 a batch. */
  readonly members: readonly LeavingMember[];
}

export interface LeaveGroupResult {
  /** Group-level error; for v0-v2 answer with members[0].errorCode when this is NONE. */
  readonly errorCode: number;
  readonly members: readonly (LeavingMember & { readonly errorCode: number })[];
}

export interface DescribedMember {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly clientId: string;
  readonly clientHost: string;
  /** Metadata for the chosen protocol; empty unless the group is Stable (as in Kafka). */
  readonly memberMetadata: Buffer;
  /** Empty unless the group is Stable. */
  readonly memberAssignment: Buffer;
}

export interface DescribedGroup {
  readonly errorCode: number;
  readonly groupId: string;
  /** "Dead" (with NONE) for a group we do not know, as Kafka answers DescribeGroups v0-v5. */
  readonly groupState: GroupState;
  readonly protocolType: string;
  /** The chosen protocol; "" unless the group is Stable. */
  readonly protocolData: string;
  readonly members: readonly DescribedMember[];
}

export interface ListedGroup {
  readonly groupId: string;
  readonly protocolType: string;
  /** ListGroups v4+. */
  readonly groupState: GroupState;
}

export interface ListGroupsResult {
  readonly errorCode: number;
  readonly groups: readonly ListedGroup[];
}

export interface DeleteGroupResult {
  readonly groupId: string;
  readonly errorCode: number;
}
