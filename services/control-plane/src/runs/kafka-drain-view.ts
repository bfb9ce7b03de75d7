import type { Admin } from 'kafkajs';
import type { KafkaView, TopicOffsets } from './run-drain';

/** The drain's view of Kafka through a connected kafkajs admin client. */
export function kafkaDrainView(admin: Admin): KafkaView {
  const committed = async (groupId: string, topics: readonly string[]): Promise<TopicOffsets> => {
    const fetched = await admin.fetchOffsets({ groupId, topics: [...topics] });
    return Object.fromEntries(fetched.map(({ topic, partitions }) => [topic, Object.fromEntries(partitions.map((p) => [String(p.partition), p.offset]))]));
  };
  return {
    async ends(topics) {
      const entries = await Promise.all(
        topics.map(async (topic) => [topic, Object.fromEntries((await admin.fetchTopicOffsets(topic)).map((p) => [String(p.partition), p.high]))] as const),
      );
      return Object.fromEntries(entries);
    },
    committed,
    async exists(groupId, topics) {
      const { groups } = await admin.describeGroups([groupId]);
      if (groups.some((g) => g.groupId === groupId && g.state !== 'Dead')) return true;
      // A group without members whose coordinator restarted may describe as Dead yet have offsets.
      const offsets = await committed(groupId, topics);
      return Object.values(offsets).some((partitions) => Object.values(partitions).some((offset) => BigInt(offset) >= 0n));
    },
  };
}
