/**
 * Committed offsets with kafkajs: a consumer commits part way, leaves, and the next member of
 * the group resumes right after the commit; the commit also survives a clean broker restart
 * and a SIGKILL (an answered OffsetCommit is durable, as acks=-1 produce is).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { type Kafka } from 'kafkajs';
import { BrokerProcess } from '@tributary/testing';
import { connectedConsumer, connectedProducer, consumeCount, createTopic, kafkaFor, sleep } from './kafkajs-client';

let broker: BrokerProcess;
let kafka: Kafka;

before(async () => {
  broker = await BrokerProcess.start();
  kafka = kafkaFor(broker.address, { retry: { retries: 20, initialRetryTime: 100, maxRetryTime: 1000 } });
});
after(async () => {
  await broker.dispose();
});

/** Two partitions of 20 records each, values `<partition>-<n>`. */
async function fillTopic(topic: string): Promise<void> {
  await createTopic(kafka, topic, 2);
  const producer = await connectedProducer(kafka);
  await producer.send({
    topic, acks: -1,
    messages: Array.from({ length: 40 }, (_, i) => ({ partition: i % 2, value: `${i % 2}-${Math.floor(i / 2)}` })),
  });
  await producer.disconnect();
}

/**
 * Reads until it has seen offset 9 of both partitions, commits offset 10 of partition 0 and
 * 7 of partition 1 (commits need not follow what was read), with and without metadata, and
 * disconnects.
 */
async function consumePartAndCommit(topic: string, groupId: string): Promise<void> {
  const consumer = await connectedConsumer(kafka, groupId, { retry: { retries: 3 } });
  await consumer.subscribe({ topic, fromBeginning: true });
  const seen = new Set<string>();
  await new Promise<void>((resolve, reject) => {
    consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        seen.add(`${partition}:${message.offset}`);
        if (seen.has('0:9') && seen.has('1:9')) resolve();
      },
    }).catch(reject);
  });
  await consumer.commitOffsets([{ topic, partition: 0, offset: '10', metadata: 'read to 9' }, { topic, partition: 1, offset: '7', metadata: null }]);
  await consumer.disconnect();
}

/** A new member of `groupId` reads everything from the committed offsets on. */
async function resumeAfterCommit(topic: string, groupId: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
  await admin.disconnect();
  // Kafka stores a null commit metadata as "", which kafkajs's fetchOffsets turns back into null.
  assert.deepEqual(committed[0].partitions.map((p) => [p.partition, p.offset, p.metadata]).sort(), [[0, '10', 'read to 9'], [1, '7', null]]);

  const consumer = await connectedConsumer(kafka, groupId);
  // fromBeginning applies only where the group has no commit: it must not win here.
  await consumer.subscribe({ topic, fromBeginning: true });
  const received = await consumeCount(consumer, 10 + 13);
  await sleep(300); // room for a record before the commit to show up
  await consumer.disconnect();
  const offsets = (partition: number): number[] => received.filter((r) => r.partition === partition).map((r) => r.offset);
  assert.deepEqual(offsets(0), [10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  assert.deepEqual(offsets(1), [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  assert.equal(received.length, 23, 'no record before the committed offsets was delivered again');
  assert.deepEqual(received.filter((r) => r.partition === 0).map((r) => r.value!.toString())[0], '0-10');
}

test('a new consumer in the group resumes right after the offsets the last one committed', async () => {
  await fillTopic('resume');
  await consumePartAndCommit('resume', 'resume-group');
  await resumeAfterCommit('resume', 'resume-group');
});

test('committed offsets survive a clean broker restart', async () => {
  await fillTopic('resume-restart');
  await consumePartAndCommit('resume-restart', 'resume-restart-group');
  await broker.stop();
  await broker.restart();
  await resumeAfterCommit('resume-restart', 'resume-restart-group');
});

test('committed offsets survive a SIGKILL of the broker right after the commit was answered', async () => {
  await fillTopic('resume-kill');
  await consumePartAndCommit('resume-kill', 'resume-kill-group');
  await broker.kill();
  await broker.restart();
  await resumeAfterCommit('resume-kill', 'resume-kill-group');
});
