import type { Logger } from 'pino';
import type { GroupCoordinator } from './groups';
import type { TopicStore } from './log/topic-store';
import type { ProducerIdBlock } from './producer-id-block';

/** What request handlers see of the broker: its identity, its storage and its coordinator. */
export interface BrokerCore {
  readonly nodeId: number;
  readonly clusterId: string;
  readonly advertisedHost: string;
  readonly advertisedPort: number;
  readonly autoCreateTopics: boolean;
  readonly defaultPartitions: number;
  readonly topics: TopicStore;
  readonly groups: GroupCoordinator;
  readonly producerIds: ProducerIdBlock;
  readonly log: Logger;
}
