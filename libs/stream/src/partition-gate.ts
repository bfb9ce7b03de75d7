import type { Consumer } from 'kafkajs';
import { ALL_PARTITIONS, PartitionHolds, type HoldReason, type TopicPartitions } from './partition-holds';

/**
 * PartitionHolds driven onto a kafkajs consumer, with timers for the holds that end by
 * themselves. The holds outlive a consumer: when ConsumerRunner replaces its consumer (new
 * topics), `attach` pauses the new one where the old one was paused.
 *
 * kafkajs's own pause state is not additive (pausing one partition of a paused topic un-pauses
 * the rest), so each change rewrites the topic's kafkajs state from the holds, in one turn of
 * the event loop, before any fetch can see it half-done.
 */
export class PartitionGate {
  private readonly holds = new PartitionHolds();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private consumer: Consumer | null = null;

  attach(consumer: Consumer | null): void {
    this.consumer = consumer;
    for (const topic of this.holds.topics()) this.sync(topic);
  }

  /**
   * Pauses the topic in kafkajs as the holds say. For a batch that arrived for a held partition:
   * kafkajs forgets its pauses when it restarts a crashed consumer, and would fetch it again at once.
   */
  enforce(topic: string): void {
    this.sync(topic);
  }

  isHeld(topic: string, partition: number): boolean {
    return this.holds.isHeld(topic, partition);
  }

  reasons(topic: string, partition: number): HoldReason[] {
    return this.holds.reasons(topic, partition);
  }

  pause(topicPartitions: readonly TopicPartitions[]): void {
    for (const { topic, partitions } of checked(topicPartitions)) {
      for (const partition of partitions ?? [ALL_PARTITIONS]) this.holds.add(topic, partition, 'paused');
      this.sync(topic);
    }
  }

  resume(topicPartitions: readonly TopicPartitions[]): void {
    for (const { topic, partitions } of checked(topicPartitions)) {
      if (partitions === undefined) this.holds.removeFromTopic(topic, 'paused');
      else for (const partition of partitions) this.holds.remove(topic, partition, 'paused');
      this.sync(topic);
    }
  }

  /** Holds one partition until `until` (epoch ms), for a reason a timer lifts. */
  holdUntil(topic: string, partition: number, reason: Exclude<HoldReason, 'paused'>, until: number): void {
    this.holds.add(topic, partition, reason);
    this.sync(topic);
    const key = `${reason}|${partition}|${topic}`;
    clearTimeout(this.timers.get(key));
    const timer = setTimeout(() => {
      this.timers.delete(key);
      if (this.holds.remove(topic, partition, reason)) this.sync(topic);
    }, Math.max(0, until - Date.now()));
    this.timers.set(key, timer);
  }

  /** Every held partition, as ConsumerRunner.paused reports it. */
  held(): TopicPartitions[] {
    return this.holds.topics().map((topic) => {
      const { all, partitions } = this.holds.heldOf(topic);
      return all ? { topic } : { topic, partitions };
    });
  }

  /** Stops the timers (on shutdown); holds stay, but nothing will lift the timed ones. */
  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.holds.clear();
    this.consumer = null;
  }

  private sync(topic: string): void {
    const consumer = this.consumer;
    if (consumer === null) return;
    const { all, partitions } = this.holds.heldOf(topic);
    try {
      consumer.resume([{ topic }]);
      if (all) consumer.pause([{ topic }]);
      else if (partitions.length > 0) consumer.pause([{ topic, partitions }]);
    } catch {
      // The consumer is between runs (kafkajs refuses pause before run): attach() applies the holds.
    }
  }
}

function checked(topicPartitions: readonly TopicPartitions[]): readonly TopicPartitions[] {
  if (!Array.isArray(topicPartitions)) throw new TypeError('pause and resume take a list of { topic, partitions? }');
  for (const entry of topicPartitions) {
    if (typeof entry?.topic !== 'string' || entry.topic.length === 0) {
      throw new TypeError(`pause and resume need a topic name in each entry, got ${JSON.stringify(entry)}`);
    }
    if (entry.partitions !== undefined && (!Array.isArray(entry.partitions) || !(entry.partitions as readonly unknown[]).every((p) => typeof p === 'number' && Number.isInteger(p) && p >= 0))) {
      throw new TypeError(`partitions of ${entry.topic} must be a list of partition numbers, got ${JSON.stringify(entry.partitions)}`);
    }
  }
  return topicPartitions;
}
