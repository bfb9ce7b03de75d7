/**
 * The kafkajs admin client against our broker, groups and records: describe, list and delete
 * groups, DeleteRecords and watermarks, each judged by what kafkajs itself reads back.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { type Admin, type Kafka } from 'kafkajs';
import { BrokerProcess } from '@tributary/testing';
import { connectedConsumer, consumeCount, createTopic, kafkaFor, produceMessages } from './kafkajs-client';

let broker: BrokerProcess;
let kafka: Kafka;
let admin: Admin;

before(async () => {
  broker = await BrokerProcess.start();
  kafka = kafkaFor(broker.address);
  admin = kafka.admin();
  await admin.connect();
});
after(async () => {
  await admin.disconnect();
  await broker.dispose();
});

describe('groups', () => {
  test('describeGroups, listGroups and deleteGroups see a group that consumed and committed', async () => {
    await createTopic(kafka, 'admin-group-topic', 2);
    await produceMessages(kafka, 'admin-group-topic', [{ partition: 0, value: 'a' }, { partition: 1, value: 'b' }]);
    const consumer = await connectedConsumer(kafka, 'admin-group');
    await consumer.subscribe({ topic: 'admin-group-topic', fromBeginning: true });
    await consumeCount(consumer, 2);

    const stable = await admin.describeGroups(['admin-group']);
    assert.equal(stable.groups[0].state, 'Stable');
    assert.equal(stable.groups[0].protocolType, 'consumer');
    assert.equal(stable.groups[0].members.length, 1);
    const listed = await admin.listGroups();
    assert.ok(listed.groups.some((g) => g.groupId === 'admin-group' && g.protocolType === 'consumer'));

    // A group with a member cannot be deleted (NON_EMPTY_GROUP); once empty it can.
    await assert.rejects(admin.deleteGroups(['admin-group']),
      (err: Error & { groups?: Array<{ error?: { type?: string } }> }) => err.groups?.[0]?.error?.type === 'NON_EMPTY_GROUP');
    await consumer.disconnect();
    const empty = await admin.describeGroups(['admin-group']);
    assert.equal(empty.groups[0].state, 'Empty');
    const committed = await admin.fetchOffsets({ groupId: 'admin-group', topics: ['admin-group-topic'] });
    assert.deepEqual(committed[0].partitions.map((p) => p.offset).sort(), ['1', '1']);

    const deleted = await admin.deleteGroups(['admin-group']);
    assert.equal(deleted[0].errorCode, 0);
    assert.ok(!(await admin.listGroups()).groups.some((g) => g.groupId === 'admin-group'));
    const gone = await admin.describeGroups(['admin-group']);
    assert.equal(gone.groups[0].state, 'Dead');
    const after = await admin.fetchOffsets({ groupId: 'admin-group', topics: ['admin-group-topic'] });
    assert.deepEqual(after[0].partitions.map((p) => p.offset), ['-1', '-1']);
  });
});

describe('records and offsets', () => {
  test('fetchTopicOffsets reports each partition\'s low and high watermarks', async () => {
    await createTopic(kafka, 'admin-offsets', 3);
    await produceMessages(kafka, 'admin-offsets', [0, 0, 0, 1].map((partition, i) => ({ partition, value: `v${i}` })));
    const offsets = await admin.fetchTopicOffsets('admin-offsets');
    const byPartition = Object.fromEntries(offsets.map((o) => [o.partition, { low: o.low, high: o.high, offset: o.offset }]));
    assert.deepEqual(byPartition, {
      0: { low: '0', high: '3', offset: '3' }, 1: { low: '0', high: '1', offset: '1' }, 2: { low: '0', high: '0', offset: '0' },
    });
  });

  test('deleteTopicRecords moves the low watermark and a consumer from the beginning starts there', async () => {
    await createTopic(kafka, 'admin-delete-records', 1);
    await produceMessages(kafka, 'admin-delete-records', Array.from({ length: 10 }, (_, i) => ({ partition: 0, value: `r${i}` })));
    // kafkajs looks the partition leaders up in its cached metadata before anything else, so
    // the admin must have loaded the topic first (it would against Apache Kafka too).
    const [before] = await admin.fetchTopicOffsets('admin-delete-records');
    assert.deepEqual([before.low, before.high], ['0', '10']);
    await admin.deleteTopicRecords({ topic: 'admin-delete-records', partitions: [{ partition: 0, offset: '6' }] });
    const [offsets] = await admin.fetchTopicOffsets('admin-delete-records');
    assert.deepEqual([offsets.low, offsets.high], ['6', '10']);

    const consumer = await connectedConsumer(kafka, 'admin-delete-records-reader');
    await consumer.subscribe({ topic: 'admin-delete-records', fromBeginning: true });
    const received = await consumeCount(consumer, 4);
    await consumer.disconnect();
    assert.deepEqual(received.map((r) => r.value!.toString()), ['r6', 'r7', 'r8', 'r9']);
    assert.deepEqual(received.map((r) => r.offset), [6, 7, 8, 9]);
  });

  test('deleteTopicRecords with offset -1 deletes every record up to the high watermark', async () => {
    await createTopic(kafka, 'admin-delete-all', 2);
    await produceMessages(kafka, 'admin-delete-all', [0, 0, 0, 1].map((partition, i) => ({ partition, value: `d${i}` })));
    await admin.fetchTopicOffsets('admin-delete-all');
    await admin.deleteTopicRecords({ topic: 'admin-delete-all', partitions: [{ partition: 0, offset: '-1' }, { partition: 1, offset: '-1' }] });
    const offsets = await admin.fetchTopicOffsets('admin-delete-all');
    assert.deepEqual(offsets.map((o) => [o.partition, o.low, o.high]).sort(), [[0, '3', '3'], [1, '1', '1']]);
  });

  test('deleteTopicRecords beyond the high watermark is refused with OFFSET_OUT_OF_RANGE', async () => {
    await createTopic(kafka, 'admin-delete-beyond', 1);
    await produceMessages(kafka, 'admin-delete-beyond', [{ partition: 0, value: 'only' }]);
    await admin.fetchTopicOffsets('admin-delete-beyond');
    await assert.rejects(admin.deleteTopicRecords({ topic: 'admin-delete-beyond', partitions: [{ partition: 0, offset: '5' }] }),
      // kafkajs wraps the per-partition errors in a non-retriable error whose cause holds them.
      (err: Error & { cause?: { partitions?: Array<{ error?: { type?: string } }> } }) =>
        err.cause?.partitions?.[0]?.error?.type === 'OFFSET_OUT_OF_RANGE');
    const [offsets] = await admin.fetchTopicOffsets('admin-delete-beyond');
    assert.deepEqual([offsets.low, offsets.high], ['0', '1']);
  });
});
