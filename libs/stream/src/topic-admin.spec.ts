import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { INTERNAL_TOPICS, loadPlan } from '@tributary/pipeline-spec';
import { BrokerProcess } from '@tributary/testing';
import { ConfigResourceTypes, type Admin } from 'kafkajs';
import { ensurePipelineTopics, ensureTopics, internalTopicSpecs } from './topic-admin';
import { kafkaFor } from './testing/stream-test-kit';

const document = (partitions: number, retention: string) => `apiVersion: tributary/v1
kind: Pipeline
metadata: { tenant: acme, name: erp-orders }
source: { connector: postgres, connection: { secret: acme-erp }, table: orders, mode: full, key: order_id }
sinks:
  - taxApi: {}
settings: { partitions: ${partitions}, retention: ${retention} }
`;

describe('topic administration against the embedded broker', () => {
  let broker: BrokerProcess;
  let admin: Admin;

  before(async () => {
    broker = await BrokerProcess.start();
    admin = kafkaFor(broker.address).admin();
    await admin.connect();
  });
  after(async () => {
    await admin?.disconnect();
    await broker?.dispose();
  });

  async function describeTopic(name: string): Promise<{ partitions: number; config: Map<string, string> }> {
    const { topics } = await admin.fetchTopicMetadata({ topics: [name] });
    const { resources } = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name }] });
    return { partitions: topics[0].partitions.length, config: new Map(resources[0].configEntries.map((e) => [e.configName, e.configValue])) };
  }

  test('creates every stage topic of a compiled pipeline with its partitions, retention and cleanup policy', async () => {
    const { plan } = loadPlan(document(3, '{ errors: 60d }'));
    const changes = await ensurePipelineTopics(admin, plan);
    assert.deepEqual(changes.created, ['raw', 'mapped', 'valid', 'results', 'errors', 'retry'].map((s) => `tributary.acme.erp-orders.${s}`));
    const errors = await describeTopic('tributary.acme.erp-orders.errors');
    assert.equal(errors.partitions, 3);
    assert.equal(errors.config.get('retention.ms'), String(60 * 86_400_000));
    assert.equal(errors.config.get('cleanup.policy'), 'delete');
    assert.equal((await describeTopic('tributary.acme.erp-orders.raw')).config.get('retention.ms'), String(7 * 86_400_000));
  });

  test('applying the same plan again changes nothing', async () => {
    const { plan } = loadPlan(document(3, '{ errors: 60d }'));
    const changes = await ensurePipelineTopics(admin, plan);
    assert.deepEqual(changes.created, []);
    assert.deepEqual(changes.reconfigured, []);
    assert.equal(changes.unchanged.length, 6);
  });

  test('a changed plan raises partitions and sets the new retention, keeping overrides the plan does not name', async () => {
    await admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: 'tributary.acme.erp-orders.raw', configEntries: [
        { name: 'cleanup.policy', value: 'delete' }, { name: 'retention.ms', value: String(7 * 86_400_000) }, { name: 'max.message.bytes', value: '2097152' },
      ] }],
    });
    const { plan } = loadPlan(document(5, '3d'));
    const changes = await ensurePipelineTopics(admin, plan);
    assert.equal(changes.partitionsAdded.length, 6);
    assert.equal(changes.reconfigured.length, 6, 'retention changed on every stage');
    const raw = await describeTopic('tributary.acme.erp-orders.raw');
    assert.equal(raw.partitions, 5);
    assert.equal(raw.config.get('retention.ms'), String(3 * 86_400_000));
    assert.equal(raw.config.get('max.message.bytes'), '2097152', 'an operator’s override survives');
  });

  test('a plan with fewer partitions than a topic has is reported, not applied', async () => {
    const { plan } = loadPlan(document(2, '3d'));
    const changes = await ensurePipelineTopics(admin, plan);
    assert.equal(changes.warnings.length, 6);
    assert.match(changes.warnings[0], /has 5 partitions, more than the planned 2/);
    assert.equal((await describeTopic('tributary.acme.erp-orders.raw')).partitions, 5);
  });

  test('creates the internal topics: compacted cursors and pipelines (one partition), runs kept as history', async () => {
    await ensureTopics(admin, internalTopicSpecs({ partitions: 2 }));
    assert.equal((await describeTopic(INTERNAL_TOPICS.connectorOffsets)).config.get('cleanup.policy'), 'compact');
    const pipelines = await describeTopic(INTERNAL_TOPICS.pipelines);
    assert.deepEqual([pipelines.partitions, pipelines.config.get('cleanup.policy')], [1, 'compact']);
    assert.equal((await describeTopic(INTERNAL_TOPICS.runs)).config.get('cleanup.policy'), 'delete');
  });

  test('bad topic specs are refused before anything is created, naming the topic and the field', async () => {
    await assert.rejects(ensureTopics(admin, [{ name: 'ok.topic', partitions: 1, config: {} }, { name: 'bad topic', partitions: 1, config: {} }]), /topic 1 \("bad topic"\): a topic name/);
    await assert.rejects(ensureTopics(admin, [{ name: 'zero', partitions: 0, config: {} }]), /topic 0 \("zero"\): partitions must be an integer from 1, got 0/);
    const { topics } = await admin.fetchTopicMetadata();
    assert.ok(!topics.some((t) => t.name === 'ok.topic'));
  });
});
