import type { Admin } from 'kafkajs';
import type { StageMetrics } from './stage-metrics';

export interface PartitionLag {
  readonly group: string;
  readonly topic: string;
  readonly partition: number;
  readonly lag: number;
}

/**
 * The lag of each group on the topics it has offsets for: the partition's end offset minus the
 * committed one (a partition with nothing committed counts from its start). Read through the
 * admin API, so it measures what any Kafka tool would, not what this process believes.
 */
export async function readConsumerLag(admin: Admin, groupIds: readonly string[]): Promise<PartitionLag[]> {
  const rows: PartitionLag[] = [];
  const ends = new Map<string, Promise<{ partition: number; high: string; low: string }[]>>();
  for (const group of groupIds) {
    const committed = await admin.fetchOffsets({ groupId: group });
    for (const { topic, partitions } of committed) {
      if (!ends.has(topic)) ends.set(topic, admin.fetchTopicOffsets(topic));
      const topicEnds = await ends.get(topic)!;
      for (const { partition, offset } of partitions) {
        const end = topicEnds.find((e) => e.partition === partition);
        if (!end) continue;
        const from = Number(offset) >= 0 ? Number(offset) : Number(end.low);
        rows.push({ group, topic, partition, lag: Math.max(0, Number(end.high) - from) });
      }
    }
  }
  return rows;
}

/** Replaces the lag gauge's values with a fresh reading (groups and partitions that went away drop out). */
export function recordConsumerLag(metrics: StageMetrics, rows: readonly PartitionLag[]): void {
  metrics.consumerLag.reset();
  for (const row of rows) metrics.consumerLag.set({ group: row.group, topic: row.topic, partition: String(row.partition) }, row.lag);
}
