import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { readAll, TempDirs } from './log-test-support';
import { testBatch } from './test-batch';
import { TopicStore, validateTopicName } from './topic-store';

const temp = new TempDirs();
after(() => temp.cleanup());

const isKafkaError = (type: string) => (err: unknown) => (err as { type?: string }).type === type;

describe('topic store', () => {
  test('created topics, their configs and their records survive a reopen', async () => {
    const dataDir = temp.make();
    const store = TopicStore.open(dataDir);
    const orders = store.createTopic('orders', 3, { 'cleanup.policy': 'compact,delete', 'retention.ms': '1000' });
    store.createTopic('_tributary.runs', 1);
    store.partition('orders', 2).append([testBatch([{ key: 'o1', value: 'hello' }])]);
    await store.close();

    const reopened = TopicStore.open(dataDir);
    assert.deepEqual(reopened.topics().map((t) => [t.name, t.partitions, t.configs]).sort(), [
      ['_tributary.runs', 1, {}],
      ['orders', 3, { 'cleanup.policy': 'compact,delete', 'retention.ms': '1000' }],
    ]);
    assert.equal(reopened.describeTopic('orders')?.topicId, orders.topicId);
    assert.deepEqual(reopened.partition('orders', 2).config['cleanup.policy'], ['compact', 'delete']);
    assert.deepEqual((await readAll(reopened.partition('orders', 2))).map((r) => r.value), ['hello']);
    assert.throws(() => reopened.partition('orders', 3), isKafkaError('UNKNOWN_TOPIC_OR_PARTITION'));
    assert.throws(() => reopened.createTopic('orders', 1), isKafkaError('TOPIC_ALREADY_EXISTS'));
    await reopened.close();
  });

  test('createPartitions adds partitions that survive a reopen, and never removes any', async () => {
    const dataDir = temp.make();
    const store = TopicStore.open(dataDir);
    store.createTopic('t', 2);
    store.createPartitions('t', 5);
    store.partition('t', 4).append([testBatch([{ value: 'in the new partition' }])]);
    assert.throws(() => store.createPartitions('t', 5), isKafkaError('INVALID_PARTITIONS'));
    assert.throws(() => store.createPartitions('t', 3), isKafkaError('INVALID_PARTITIONS'));
    assert.throws(() => store.createPartitions('nope', 3), isKafkaError('UNKNOWN_TOPIC_OR_PARTITION'));
    await store.close();
    const reopened = TopicStore.open(dataDir);
    assert.equal(reopened.describeTopic('t')?.partitions, 5);
    assert.equal(reopened.partition('t', 4).logEndOffset, 1);
    await reopened.close();
  });

  test('alterTopicConfig replaces the overrides, applies them to the logs at once, and survives a reopen', async () => {
    const dataDir = temp.make();
    const store = TopicStore.open(dataDir);
    store.createTopic('t', 1, { 'retention.ms': '5' });
    store.alterTopicConfig('t', { 'message.timestamp.type': 'LogAppendTime' });
    assert.equal(store.partition('t', 0).append([testBatch([{ value: 'v' }])], 777).logAppendTime, 777);
    assert.throws(() => store.alterTopicConfig('t', { 'segment.bytes': 'lots' }), isKafkaError('INVALID_CONFIG'));
    await store.close();
    const reopened = TopicStore.open(dataDir);
    assert.deepEqual(reopened.describeTopic('t')?.configs, { 'message.timestamp.type': 'LogAppendTime' });
    assert.equal(reopened.partition('t', 0).config['retention.ms'], 604_800_000, 'the old override is gone');
    await reopened.close();
  });

  test('a deleted topic is gone at once, from disk, and after a reopen; its name can be used again', async () => {
    const dataDir = temp.make();
    const store = TopicStore.open(dataDir);
    store.createTopic('doomed', 2);
    store.partition('doomed', 0).append([testBatch([{ value: 'old life' }])]);
    await store.deleteTopic('doomed');
    assert.throws(() => store.partition('doomed', 0), isKafkaError('UNKNOWN_TOPIC_OR_PARTITION'));
    await assert.rejects(store.deleteTopic('doomed'), isKafkaError('UNKNOWN_TOPIC_OR_PARTITION'));
    assert.equal(existsSync(join(dataDir, 'topics', 'doomed')), false);
    assert.deepEqual(readdirSync(join(dataDir, 'deleting')), []);
    store.createTopic('doomed', 1);
    assert.equal(store.partition('doomed', 0).logEndOffset, 0);
    await store.deleteTopic('doomed');
    await store.close();
    assert.deepEqual(TopicStore.open(dataDir).topics(), []);
  });

  test('a topic folder left without metadata by an interrupted create is removed on open', async () => {
    const dataDir = temp.make();
    mkdirSync(join(dataDir, 'topics', 'half-made', '0'), { recursive: true });
    const store = TopicStore.open(dataDir);
    assert.deepEqual(store.topics(), []);
    assert.equal(existsSync(join(dataDir, 'topics', 'half-made')), false);
    await store.close();
  });

  test('maintain applies retention by time and by size to every partition', async () => {
    const store = TopicStore.open(temp.make());
    const now = 1_800_000_000_000;
    store.createTopic('by-time', 1, { 'segment.bytes': '300', 'retention.ms': '60000' });
    store.createTopic('by-size', 1, { 'segment.bytes': '300', 'retention.bytes': '600' });
    for (const name of ['by-time', 'by-size']) {
      const log = store.partition(name, 0);
      for (let i = 0; i < 20; i++) log.append([testBatch([{ value: `r${i}`, timestamp: now - (i < 10 ? 3_600_000 : 0) }])], now);
      await log.flush();
    }
    const result = store.maintain(now);
    assert.ok(result.deletedSegments > 0);
    const byTime = store.partition('by-time', 0);
    // Whole segments go: all old records but those sharing a segment with new ones.
    assert.ok(byTime.logStartOffset > 0 && byTime.logStartOffset <= 10, `log start ${byTime.logStartOffset}`);
    assert.deepEqual((await readAll(byTime)).map((r) => r.value), Array.from({ length: 20 - byTime.logStartOffset }, (_, i) => `r${i + byTime.logStartOffset}`));
    const bySize = store.partition('by-size', 0);
    assert.ok(bySize.sizeInBytes >= 600 && bySize.sizeInBytes < 600 + 300, `${bySize.sizeInBytes} bytes kept`);
    assert.equal(bySize.logStartOffset, 20 - (await readAll(bySize)).length);
    await store.close();
  });

  test('topic names follow Kafka\'s rules', () => {
    for (const bad of ['', '.', '..', 'a'.repeat(250), 'with space', 'slash/y', 'ümlaut']) {
      assert.throws(() => validateTopicName(bad), isKafkaError('INVALID_TOPIC_EXCEPTION'), JSON.stringify(bad));
    }
    for (const good of ['a'.repeat(249), 'tributary.acme.orders.raw', '_tributary.connector-offsets', '...']) validateTopicName(good);
  });
});
