/**
 * The kafkajs admin client against our broker, topics and their configs: create, list,
 * describe, grow, delete, describe and alter configs, each judged by what kafkajs reads back.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigResourceTypes, ConfigSource, type Admin, type Kafka } from 'kafkajs';
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

async function topicConfigEntry(topic: string, name: string): Promise<{ configValue: string; isDefault: boolean; configSource: number } | undefined> {
  const described = await admin.describeConfigs({
    includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: [name] }],
  });
  return described.resources[0].configEntries.find((c) => c.configName === name);
}

async function topicConfig(topic: string, name: string): Promise<string | undefined> {
  return (await topicConfigEntry(topic, name))?.configValue;
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
    await produceMessages(kafka, 'admin-grow', [{ partition: 4, value: 'in a new partition' }]);
    const offsets = await admin.fetchTopicOffsets('admin-grow');
    assert.equal(offsets.find((o) => o.partition === 4)?.high, '1');
  });

  test('createPartitions to fewer partitions than the topic has is refused', async () => {
    await createTopic(kafka, 'admin-shrink', 3);
    await assert.rejects(admin.createPartitions({ topicPartitions: [{ topic: 'admin-shrink', count: 2 }] }),
      (err: Error & { type?: string }) => err.type === 'INVALID_PARTITIONS');
    assert.equal((await admin.fetchTopicMetadata({ topics: ['admin-shrink'] })).topics[0].partitions.length, 3);
  });

  test('a topic of more partitions than the broker can hold is refused, and so is growing one past it', async () => {
    await assert.rejects(admin.createTopics({ topics: [{ topic: 'admin-huge', numPartitions: 1_000_000 }] }),
      (err: Error & { errors?: Array<{ type?: string }> }) => err.errors?.[0]?.type === 'INVALID_PARTITIONS');
    await createTopic(kafka, 'admin-capped', 1);
    await assert.rejects(admin.createPartitions({ topicPartitions: [{ topic: 'admin-capped', count: 1_000_000 }] }),
      (err: Error & { type?: string }) => err.type === 'INVALID_PARTITIONS');
    assert.ok(!(await admin.listTopics()).includes('admin-huge'));
  });

  test('deleteTopics removes a topic from listTopics and from metadata', async () => {
    await createTopic(kafka, 'admin-doomed', 2);
    await produceMessages(kafka, 'admin-doomed', [{ partition: 0, value: 'soon gone' }]);
    await admin.deleteTopics({ topics: ['admin-doomed'] });
    assert.ok(!(await admin.listTopics()).includes('admin-doomed'));
    await assert.rejects(admin.fetchTopicMetadata({ topics: ['admin-doomed'] }), /does not host this topic-partition|UNKNOWN_TOPIC/i);
  });

  test('a topic deleted and created again under the same name starts empty', async () => {
    await createTopic(kafka, 'admin-reborn', 1);
    await produceMessages(kafka, 'admin-reborn', [{ partition: 0, value: 'first life' }, { partition: 0, value: 'still first life' }]);
    await admin.deleteTopics({ topics: ['admin-reborn'] });
    await createTopic(kafka, 'admin-reborn', 1);
    const [offsets] = await admin.fetchTopicOffsets('admin-reborn');
    assert.deepEqual([offsets.low, offsets.high], ['0', '0']);
    await produceMessages(kafka, 'admin-reborn', [{ partition: 0, value: 'second life' }]);
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
