/** One assignor a member offers, with its opaque subscription metadata, in preference order. */
export interface MemberProtocol {
  readonly name: string;
  readonly metadata: Buffer;
}

/** A group member as the coordinator knows it (Kafka's MemberMetadata). */
export interface Member {
  memberId: string;
  /** KIP-345 static membership: a stable id that survives restarts; null for dynamic members. */
  readonly groupInstanceId: string | null;
  readonly clientId: string;
  readonly clientHost: string;
  rebalanceTimeoutMs: number;
  sessionTimeoutMs: number;
  readonly protocolType: string;
  protocols: readonly MemberProtocol[];
  /** The leader's assignment for this member in the current generation (empty until synced). */
  assignment: Buffer;
  /** Joined in the current join phase and waiting for its JoinGroup answer. */
  awaitingJoin: boolean;
  /** Sent SyncGroup in the current generation and waiting for the leader's assignments. */
  awaitingSync: boolean;
}

export const EMPTY_BYTES: Buffer = Buffer.alloc(0);

export function sameProtocols(a: readonly MemberProtocol[], b: readonly MemberProtocol[]): boolean {
  return a.length === b.length && a.every((p, i) => p.name === b[i].name && p.metadata.equals(b[i].metadata));
}

/** The member's metadata for the group's chosen protocol. */
export function metadataFor(member: Member, protocolName: string | null): Buffer {
  return member.protocols.find((p) => p.name === protocolName)?.metadata ?? EMPTY_BYTES;
}
