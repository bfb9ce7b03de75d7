import type { Kafka } from 'kafkajs';

export interface OffsetTarget {
  readonly topic: string;
  readonly partitions: readonly { readonly partition: number; readonly offset: string }[];
}

/**
 * Commits `targets` as the consumer group's offsets, the way kafkajs's admin.setOffsets does it
 * (join the group paused, seek, let the first fetch round pass, leave: the seeks are committed)
 * but for every topic in one join and with a short fetch wait: admin.setOffsets joins once per
 * topic and waits out a full 5 s fetch each time. The group must have no members; if one is
 * there the join rebalances with it, so callers check that first.
 */
export async function commitGroupOffsets(kafka: Kafka, groupId: string, targets: readonly OffsetTarget[]): Promise<void> {
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 50, allowAutoTopicCreation: false, retry: { retries: 2 } });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: targets.map((t) => t.topic), fromBeginning: true });
    const done = new Promise<void>((resolve, reject) => {
      consumer.on(consumer.events.FETCH, () => resolve());
      consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error));
    });
    await consumer.run({ autoCommit: true, eachBatchAutoResolve: false, eachBatch: async () => undefined });
    // Nothing is consumed: the seeks are the offsets this member commits when it stops.
    consumer.pause(targets.map((t) => ({ topic: t.topic })));
    for (const target of targets) for (const p of target.partitions) consumer.seek({ topic: target.topic, partition: p.partition, offset: p.offset });
    await done;
  } finally {
    await consumer.disconnect();
  }
}
