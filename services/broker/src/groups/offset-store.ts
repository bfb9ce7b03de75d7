/** A committed offset as OffsetFetch returns it. */
export interface CommittedOffset {
  readonly offset: number;
  /** -1 when the client sent none (OffsetCommit before v6). */
  readonly leaderEpoch: number;
  /** The client's free text; "" when it sent none. */
  readonly metadata: string;
  readonly commitTimestamp: number;
}

export interface OffsetCommitRecord extends CommittedOffset {
  readonly groupId: string;
  readonly topic: string;
  readonly partition: number;
}

/** topic -> partition -> latest committed offset. */
export type GroupOffsets = ReadonlyMap<string, ReadonlyMap<number, CommittedOffset>>;

/**
 * Where consumer groups' committed offsets live (Kafka keeps them in __consumer_offsets).
 * Reads are served from memory; writes resolve only once durable, because an OffsetCommit
 * answer is a promise to the client that a restart will not rewind it.
 */
export interface OffsetStore {
  /** Records of one call are applied in order, and become visible to reads once durable. */
  commit(records: readonly OffsetCommitRecord[]): Promise<void>;
  offsets(groupId: string): GroupOffsets;
  /** Groups with at least one committed offset. */
  groupIds(): string[];
  /** Forgets every offset of the group, durably (DeleteGroups). */
  deleteGroup(groupId: string): Promise<void>;
  /** Waits for writes under way, then releases the store; later writes fail. */
  close(): Promise<void>;
}
