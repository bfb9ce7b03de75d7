import type { StreamProducer } from '@tributary/stream';
import type { Kafka } from 'kafkajs';
import { StoreUnavailableError, type ResultStore, type ResultToStore } from './result-store';
import { OnceUntilFailed } from './once-until-failed';

export interface DownstreamTopic {
  readonly name: string;
  /** Partitions when it has to be created: the pipeline's, so a key lands where it did on `<p>.results`. */
  readonly partitions: number;
  readonly replicationFactor?: number;
}

/**
 * A topic sink (`topic: { name }`): every record of `<p>.results` produced to the downstream topic
 * as it came, key, value bytes and headers alike, so the value's schema id still names the
 * TaxResult schema in the registry and its trace continues. Tombstones are forwarded too.
 *
 * The topic is created if missing (never reshaped if it exists: someone else may own it). A
 * produce the broker refuses is StoreUnavailableError: the batch waits and is produced again,
 * never dropped. Delivery is at least once: a batch produced again after a timeout or after
 * another store failed is on the topic twice, same key and value, so readers keep the last
 * record per key (as a compacted topic does).
 */
export class TopicResultStore implements ResultStore {
  readonly name: string;
  private readonly created = new OnceUntilFailed(() => this.create());

  constructor(
    private readonly topic: DownstreamTopic,
    private readonly kafka: Kafka,
    private readonly producer: StreamProducer,
  ) {
    this.name = `topic:${topic.name}`;
    void this.created.get().catch(() => undefined);
  }

  async write(_tenant: string, _pipeline: string, batch: readonly ResultToStore[]): Promise<Map<number, string>> {
    try {
      await this.created.get();
      await this.producer.publishEncoded(
        this.topic.name,
        batch.map((entry) => ({ key: entry.keyBytes, value: entry.payload, headers: entry.headers })),
      );
    } catch (error) {
      throw new StoreUnavailableError(this.name, error);
    }
    return new Map();
  }

  /** createTopics answers false, not an error, when the topic is there already. */
  private async create(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: [{ topic: this.topic.name, numPartitions: this.topic.partitions, replicationFactor: this.topic.replicationFactor ?? -1 }],
      });
    } finally {
      await admin.disconnect();
    }
  }
}
