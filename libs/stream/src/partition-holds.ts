/**
 * Why a partition is paused. Several parts of a runner pause partitions for different reasons
 * and must not undo each other: a retry record that comes due must not resume a partition the
 * tax sink paused because its circuit is open. A partition is fetched again only when it has no
 * hold left.
 *
 * - `paused`: ConsumerRunner.pause or a handler's PAUSE_PARTITION (back-pressure); lifted by resume.
 * - `due`: the next record of a retry topic is not due yet; lifted by a timer.
 * - `backoff`: Kafka or the registry failed while finishing a record; lifted by a timer.
 */
export type HoldReason = 'paused' | 'due' | 'backoff';

/** Partition -1 holds every partition of the topic (a pause without a partition list). */
export const ALL_PARTITIONS = -1;

export interface TopicPartitions {
  readonly topic: string;
  /** Undefined: every partition of the topic. */
  readonly partitions?: readonly number[];
}

export class PartitionHolds {
  private readonly holds = new Map<string, Map<number, Set<HoldReason>>>();

  /** Adds a hold; true if the partition was free before (so it must be paused now). */
  add(topic: string, partition: number, reason: HoldReason): boolean {
    let byPartition = this.holds.get(topic);
    if (byPartition === undefined) this.holds.set(topic, (byPartition = new Map()));
    let reasons = byPartition.get(partition);
    if (reasons === undefined) byPartition.set(partition, (reasons = new Set()));
    const wasFree = reasons.size === 0;
    reasons.add(reason);
    return wasFree;
  }

  /** Lifts one hold; true if that left the partition free (so it may be resumed now). */
  remove(topic: string, partition: number, reason: HoldReason): boolean {
    const reasons = this.holds.get(topic)?.get(partition);
    if (reasons === undefined || !reasons.delete(reason)) return false;
    if (reasons.size > 0) return false;
    this.holds.get(topic)!.delete(partition);
    if (this.holds.get(topic)!.size === 0) this.holds.delete(topic);
    return true;
  }

  /** Lifts `reason` from the whole topic and from each of its partitions (a resume without a partition list). */
  removeFromTopic(topic: string, reason: HoldReason): void {
    for (const partition of [...(this.holds.get(topic)?.keys() ?? [])]) this.remove(topic, partition, reason);
  }

  /** Whether a record of this partition may be processed now: no hold on it or on its whole topic. */
  isHeld(topic: string, partition: number): boolean {
    const byPartition = this.holds.get(topic);
    return byPartition !== undefined && (byPartition.has(partition) || byPartition.has(ALL_PARTITIONS));
  }

  reasons(topic: string, partition: number): HoldReason[] {
    return [...(this.holds.get(topic)?.get(partition) ?? [])];
  }

  /** The topic's holds in kafkajs's pause shape: the whole topic, some partitions, or none. */
  heldOf(topic: string): { readonly all: boolean; readonly partitions: number[] } {
    const byPartition = this.holds.get(topic);
    if (byPartition === undefined) return { all: false, partitions: [] };
    return { all: byPartition.has(ALL_PARTITIONS), partitions: [...byPartition.keys()].filter((p) => p !== ALL_PARTITIONS) };
  }

  topics(): string[] {
    return [...this.holds.keys()];
  }

  clear(): void {
    this.holds.clear();
  }
}
