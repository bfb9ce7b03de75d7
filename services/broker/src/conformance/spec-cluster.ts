/**
 * One broker for a spec file, a quiet kafkajs client on it, and the consumers the file's tests
 * start, all disconnected and stopped after the file: the setup several specs share.
 */
import { after, before } from 'node:test';
import type { Consumer, ConsumerConfig, Kafka } from 'kafkajs';
import { BrokerProcess } from '@tributary/testing';
import { connectedConsumer, kafkaFor } from './kafkajs-client';

export class SpecCluster {
  broker!: BrokerProcess;
  kafka!: Kafka;
  private readonly consumers: Consumer[] = [];

  /** Registers the file's before and after hooks; call it at the top level of a spec. */
  static forThisFile(): SpecCluster {
    const cluster = new SpecCluster();
    before(async () => {
      cluster.broker = await BrokerProcess.start();
      cluster.kafka = kafkaFor(cluster.broker.address);
    });
    after(async () => {
      await Promise.all(cluster.consumers.map((c) => c.disconnect()));
      await cluster.broker.dispose();
    });
    return cluster;
  }

  /** A connected consumer in `groupId`, disconnected after the file. */
  async consumer(groupId: string, config: Partial<ConsumerConfig> = {}): Promise<Consumer> {
    const c = await connectedConsumer(this.kafka, groupId, config);
    this.consumers.push(c);
    return c;
  }
}
