/**
 * The kafkajs admin client against our broker: topics, partitions, topic configs, groups,
 * DeleteRecords and offsets, each judged by what kafkajs itself reads back.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigResourceTypes, ConfigSource, type Admin, type Kafka } from 'kafkajs';
import { BrokerProcess } from '@tributary/testing';
import { connectedConsumer, connectedProducer, consumeCount, createTopic, kafkaFor } from './kafkajs-client';

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

async function topicConfigEntry(topic: string, name: string): Promise<{ configValue: string; isDefault: boolean; configSource: number } | undefined> {
  const described = await admin.describeConfigs({
    includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: [name] }],
  });
  return described.resources[0].configEntries.find((c) => c.configName === name);
}

async function topicConfig(topic: string, name: string): Promise<string | undefined> {
  return (await topicConfigEntry(topic, name))?.configValue;
}

async function produce(topic: string, messages: Array<{ partition: number; value: string }>): Promise<void> {
  const producer = await connectedProducer(kafka);
  await producer.send({ topic, messages });
  await producer.disconnect();
}

describe('topics', () => {
  test('createTopics with partitions and configs makes a topic that listTopics and fetchTopicMetadata show', async () => {
    const created = await admin.createTopics({
      topics: [{ topic: 'admin-created', numPartitions: 4, configEntries: [{ name: 'cleanup.policy', value: 'compact' }, { name: 'retention.ms', value: '3600000' }] }],
    });
    assert.equal(created, true);
    assert.ok((await admin.listTopics()).includes('admin-created'));
    const metadata = await admin.fetchTopicMetadata({ topics: ['admin-created'] });
    assert.equal(metadata.topics.length, 1);
    assert.deepEqual(metadata.topics[0].partitions.map((p) => p.partitionId).sort(), [0, 1, 2, 3]);
    for (const p of metadata.topics[0].partitions) assert.equal(p.partitionErrorCode, 0);
    assert.equal(await topicConfig('admin-created', 'cleanup.policy'), 'compact');
    assert.equal(await topicConfig('admin-created', 'retention.ms'), '3600000');
  });

  test('createTopics for a topic that exists answers false and leaves it as it was', async () => {
    await createTopic(kafka, 'admin-twice', 2);
    assert.equal(await admin.createTopics({ topics: [{ topic: 'admin-twice', numPartitions: 5 }] }), false);
    const metadata = await admin.fetchTopicMetadata({ topics: ['admin-twice'] });
    assert.equal(metadata.topics[0].partitions.length, 2);
  });

  test('createTopics with an unknown config is refused with INVALID_CONFIG', async () => {
    await assert.rejects(
      admin.createTopics({ topics: [{ topic: 'admin-bad-config', configEntries: [{ name: 'retention.mss', value: '1' }] }] }),
      (err: Error & { errors?: Array<{ type: string }> }) => err.errors?.[0]?.type === 'INVALID_CONFIG',
    );
    assert.ok(!(await admin.listTopics()).includes('admin-bad-config'));
  });

  test('createPartitions grows a topic, and records can be written to the new partitions', async () => {
    await createTopic(kafka, 'admin-grow', 2);
    await admin.createPartitions({ topicPartitions: [{ topic: 'admin-grow', count: 5 }] });
    const metadata = await admin.fetchTopicMetadata({ topics: ['admin-grow'] });
    assert.deepEqual(metadata.topics[0].partitions.map((p) => p.partitionId).sort(), [0, 1, 2, 3, 4]);
    await produce('admin-grow', [{ partition: 4, value: 'in a new partition' }]);
    const offsets = await admin.fetchTopicOffsets('admin-grow');
    assert.equal(offsets.find((o) => o.partition === 4)?.high, '1');
  });

  test('createPartitions to fewer partitions than the topic has is refused', async () => {
    await createTopic(kafka, 'admin-shrink', 3);
    await assert.rejects(admin.createPartitions({ topicPartitions: [{ topic: 'admin-shrink', count: 2 }] }),
      (err: Error & { type?: string }) => err.type === 'INVALID_PARTITIONS');
    assert.equal((await admin.fetchTopicMetadata({ topics: ['admin-shrink'] })).topics[0].partitions.length, 3);
  });

  test('deleteTopics removes a topic from listTopics and from metadata', async () => {
    await createTopic(kafka, 'admin-doomed', 2);
    await produce('admin-doomed', [{ partition: 0, value: 'soon gone' }]);
    await admin.deleteTopics({ topics: ['admin-doomed'] });
    assert.ok(!(await admin.listTopics()).includes('admin-doomed'));
    await assert.rejects(admin.fetchTopicMetadata({ topics: ['admin-doomed'] }), /does not host this topic-partition|UNKNOWN_TOPIC/i);
  });

  test('a topic deleted and created again under the same name starts empty', async () => {
    await createTopic(kafka, 'admin-reborn', 1);
    await produce('admin-reborn', [{ partition: 0, value: 'first life' }, { partition: 0, value: 'still first life' }]);
    await admin.deleteTopics({ topics: ['admin-reborn'] });
    await createTopic(kafka, 'admin-reborn', 1);
    const [offsets] = await admin.fetchTopicOffsets('admin-reborn');
    assert.deepEqual([offsets.low, offsets.high], ['0', '0']);
    await produce('admin-reborn', [{ partition: 0, value: 'second life' }]);
    const consumer = await connectedConsumer(kafka, 'admin-reborn-reader');
    await consumer.subscribe({ topic: 'admin-reborn', fromBeginning: true });
    const received = await consumeCount(consumer, 1);
    await consumer.disconnect();
    assert.deepEqual(received.map((r) => [r.offset, r.value!.toString()]), [[0, 'second life']]);
  });
});

describe('topic configs', () => {
  test('alterConfigs sets retention.ms and describeConfigs reads the new value back', async () => {
    await createTopic(kafka, 'admin-configs', 1);
    assert.notEqual(await topicConfig('admin-configs', 'retention.ms'), '60000');
    await admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: 'admin-configs', configEntries: [{ name: 'retention.ms', value: '60000' }] }],
    });
    assert.equal(await topicConfig('admin-configs', 'retention.ms'), '60000');
  });

  test('alterConfigs replaces the whole set of overrides, as Kafka\'s non-incremental AlterConfigs does', async () => {
    await admin.createTopics({ topics: [{ topic: 'admin-replace', configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }] });
    assert.deepEqual(await topicConfigEntry('admin-replace', 'cleanup.policy'),
      { configName: 'cleanup.policy', configValue: 'compact', isDefault: false, configSource: ConfigSource.TOPIC_CONFIG, readOnly: false, isSensitive: false, configSynonyms: [] });
    await admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: 'admin-replace', configEntries: [{ name: 'retention.ms', value: '120000' }] }],
    });
    const policy = await topicConfigEntry('admin-replace', 'cleanup.policy');
    assert.deepEqual([policy?.configValue, policy?.isDefault, policy?.configSource], ['delete', true, ConfigSource.DEFAULT_CONFIG]);
    const retention = await topicConfigEntry('admin-replace', 'retention.ms');
    assert.deepEqual([retention?.configValue, retention?.isDefault, retention?.configSource], ['120000', false, ConfigSource.TOPIC_CONFIG]);
  });

  test('alterConfigs with validateOnly changes nothing', async () => {
    await createTopic(kafka, 'admin-validate', 1);
    const before = await topicConfig('admin-validate', 'retention.ms');
    await admin.alterConfigs({
      validateOnly: true,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: 'admin-validate', configEntries: [{ name: 'retention.ms', value: '1234' }] }],
    });
    assert.equal(await topicConfig('admin-validate', 'retention.ms'), before);
  });

  test('alterConfigs with a value of the wrong type is refused and the old value stays', async () => {
    await createTopic(kafka, 'admin-bad-value', 1);
    const before = await topicConfig('admin-bad-value', 'retention.ms');
    await assert.rejects(admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: 'admin-bad-value', configEntries: [{ name: 'retention.ms', value: 'a week' }] }],
    }));
    assert.equal(await topicConfig('admin-bad-value', 'retention.ms'), before);
  });
});

describe('groups', () => {
  test('describeGroups, listGroups and deleteGroups see a group that consumed and committed', async () => {
    await createTopic(kafka, 'admin-group-topic', 2);
    await produce('admin-group-topic', [{ partition: 0, value: 'a' }, { partition: 1, value: 'b' }]);
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
    await produce('admin-offsets', [0, 0, 0, 1].map((partition, i) => ({ partition, value: `v${i}` })));
    const offsets = await admin.fetchTopicOffsets('admin-offsets');
    const byPartition = Object.fromEntries(offsets.map((o) => [o.partition, { low: o.low, high: o.high, offset: o.offset }]));
    assert.deepEqual(byPartition, {
      0: { low: '0', high: '3', offset: '3' }, 1: { low: '0', high: '1', offset: '1' }, 2: { low: '0', high: '0', offset: '0' },
    });
  });

  test('deleteTopicRecords moves the low watermark and a consumer from the beginning starts there', async () => {
    await createTopic(kafka, 'admin-delete-records', 1);
    await produce('admin-delete-records', Array.from({ length: 10 }, (_, i) => ({ partition: 0, value: `r${i}` })));
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
    await produce('admin-delete-all', [0, 0, 0, 1].map((partition, i) => ({ partition, value: `d${i}` })));
    await admin.fetchTopicOffsets('admin-delete-all');
    await admin.deleteTopicRecords({ topic: 'admin-delete-all', partitions: [{ partition: 0, offset: '-1' }, { partition: 1, offset: '-1' }] });
    const offsets = await admin.fetchTopicOffsets('admin-delete-all');
    assert.deepEqual(offsets.map((o) => [o.partition, o.low, o.high]).sort(), [[0, '3', '3'], [1, '1', '1']]);
  });

  test('deleteTopicRecords beyond the high watermark is refused with OFFSET_OUT_OF_RANGE', async () => {
    await createTopic(kafka, 'admin-delete-beyond', 1);
    await produce('admin-delete-beyond', [{ partition: 0, value: 'only' }]);
    await admin.fetchTopicOffsets('admin-delete-beyond');
    await assert.rejects(admin.deleteTopicRecords({ topic: 'admin-delete-beyond', partitions: [{ partition: 0, offset: '5' }] }),
      // kafkajs wraps the per-partition errors in a non-retriable error whose cause holds them.
      (err: Error & { cause?: { partitions?: Array<{ error?: { type?: string } }> } }) =>
        err.cause?.partitions?.[0]?.error?.type === 'OFFSET_OUT_OF_RANGE');
    const [offsets] = await admin.fetchTopicOffsets('admin-delete-beyond');
    assert.deepEqual([offsets.low, offsets.high], ['0', '1']);
  });
});
