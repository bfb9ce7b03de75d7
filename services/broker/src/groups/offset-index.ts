import type { CommittedOffset, GroupOffsets, OffsetCommitRecord } from './offset-store';

const NO_OFFSETS: GroupOffsets = new Map();

/** The latest committed offset per group, topic and partition, in memory. */
export class OffsetIndex {
  private readonly groups = new Map<string, Map<string, Map<number, CommittedOffset>>>();

  apply(record: OffsetCommitRecord): void {
    let topics = this.groups.get(record.groupId);
    if (!topics) this.groups.set(record.groupId, (topics = new Map()));
    let partitions = topics.get(record.topic);
    if (!partitions) topics.set(record.topic, (partitions = new Map()));
    const { offset, leaderEpoch, metadata, commitTimestamp } = record;
    partitions.set(record.partition, { offset, leaderEpoch, metadata, commitTimestamp });
  }

  deleteGroup(groupId: string): void {
    this.groups.delete(groupId);
  }

  offsets(groupId: string): GroupOffsets {
    return this.groups.get(groupId) ?? NO_OFFSETS;
  }

  groupIds(): string[] {
    return [...this.groups.keys()];
  }

  /** Every live offset as a record, e.g. to rewrite a compacted log. */
  *records(): Generator<OffsetCommitRecord> {
    for (const [groupId, topics] of this.groups) {
      for (const [topic, partitions] of topics) {
        for (const [partition, committed] of partitions) yield { groupId, topic, partition, ...committed };
      }
    }
  }
}
