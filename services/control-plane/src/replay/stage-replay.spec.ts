import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Consumer } from 'kafkajs';
import { ControlPlaneFixture, PLATFORM_ADMIN } from '../testing/control-plane-fixture';
import { pipelineYaml } from '../pipelines/testing/pipeline-documents';
import { PlatformKafka } from '../pipelines/testing/platform-kafka';
import type { ReplayOutcome } from './stage-replay';

const RAW = 'tributary.acme.erp-orders.raw';
const GROUP = 'tributary.acme.erp-orders.transformer';
const T0 = Date.parse('2025-03-01T12:00:00Z');
const MINUTE = 60_000;

describe('replay: a stage consumer group moved to an offset or a time', () => {
  let kafka: PlatformKafka;
  let cp: ControlPlaneFixture;
  let operator: string;

  before(async () => {
    kafka = await PlatformKafka.start();
    cp = await ControlPlaneFixture.start(kafka.env);
    const root = await cp.login(PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    const admin = await cp.createTenant(root, 'acme');
    assert.equal((await cp.call('POST', '/tenants/acme/pipelines', { token: admin, body: { document: pipelineYaml('acme', 'erp-orders') } })).status, 201);
    await cp.call('POST', '/tenants/acme/users', { token: admin, body: { email: 'ops@acme.test', password: 'operator password', role: 'operator' } });
    operator = await cp.login('ops@acme.test', 'operator password');
    // Partition 0: five records a minute apart from T0; partition 1: three.
    const producer = kafka.kafka.producer();
    await producer.connect();
    const records = (partition: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({ partition, key: `k${partition}-${i}`, value: `v${i}`, timestamp: String(T0 + i * MINUTE) }));
    await producer.send({ topic: RAW, messages: [...records(0, 5), ...records(1, 3)] });
    await producer.disconnect();
  });
  after(async () => {
    await cp?.stop();
    await kafka?.stop();
  });

  const replay = (body: unknown) => cp.call<ReplayOutcome>('POST', '/tenants/acme/pipelines/erp-orders/replay', { token: operator, body });

  async function committed(): Promise<Record<number, string>> {
    const admin = kafka.kafka.admin();
    await admin.connect();
    const [offsets] = await admin.fetchOffsets({ groupId: GROUP, topics: [RAW] }).finally(() => admin.disconnect());
    return Object.fromEntries(offsets.partitions.map((p) => [p.partition, p.offset]));
  }

  test('from an offset: every partition moves there, clamped to what it holds, and the move is audited', async () => {
    const answer = await replay({ stage: 'transformer', fromOffset: 4 });
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.body.groupId, GROUP);
    assert.deepEqual(answer.body.moved.map((m) => [m.partition, m.before, m.after]).sort(), [[0, null, '4'], [1, null, '3']]);
    assert.deepEqual(await committed(), { 0: '4', 1: '3' });
    const root = await cp.login(PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    const audit = await cp.call<{ items: { action: string; actor: { label: string }; after: { groupId: string; moved: unknown[] } }[] }>('GET', '/tenants/acme/audit?action=pipeline.replay', { token: root });
    assert.equal(audit.body.items.length, 1);
    assert.deepEqual([audit.body.items[0].actor.label, audit.body.items[0].after.groupId, audit.body.items[0].after.moved.length], ['ops@acme.test', GROUP, 2]);
  });

  test('from a time: each partition moves to its first record at or after it (its end when it has none)', async () => {
    const answer = await replay({ stage: 'transform', fromTimestamp: new Date(T0 + 2 * MINUTE + 1).toISOString() });
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(await committed(), { 0: '3', 1: '3' });
    assert.deepEqual(answer.body.moved.map((m) => [m.partition, m.before, m.after]).sort(), [[0, '4', '3'], [1, '3', '3']]);
  });

  test('one partition only, and the stage reprocesses from there when its consumer starts', async () => {
    assert.equal((await replay({ stage: 'transformer', fromOffset: 1, partition: 0 })).status, 200);
    assert.deepEqual(await committed(), { 0: '1', 1: '3' });
    const consumer = kafka.kafka.consumer({ groupId: GROUP, maxWaitTimeInMs: 100 });
    const seen: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topics: [RAW] });
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          seen.push(`${partition}:${message.offset}`);
          if (seen.length === 4) resolve();
        },
      });
    });
    await consumer.disconnect();
    assert.deepEqual(seen, ['0:1', '0:2', '0:3', '0:4']);
  });

  test('while the stage has consumers the group cannot move: a 409 that says why', async () => {
    const consumer: Consumer = kafka.kafka.consumer({ groupId: GROUP, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topics: [RAW] });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({ eachMessage: async () => undefined });
    await joined;
    try {
      const before = await committed();
      const answer = await replay({ stage: 'transformer', fromOffset: 0 });
      assert.equal(answer.status, 409, answer.text);
      assert.match((answer.body as unknown as { message: string }).message, /consumer group 'tributary\.acme\.erp-orders\.transformer' is running: it has 1 active member .*pause the pipeline \('tributary pause erp-orders' .*then replay and resume/);
      assert.deepEqual(await committed(), before);
    } finally {
      await consumer.disconnect();
    }
  });

  test('bad requests name the field at fault', async () => {
    const stage = await replay({ stage: 'loader', fromOffset: 0 });
    assert.equal(stage.status, 400);
    assert.match(JSON.stringify(stage.body), /"path":"body.stage".*its stages are transformer, validator, tax-sink, sink.1.mongodb/);
    const both = await replay({ stage: 'transformer', fromOffset: 0, fromTimestamp: new Date().toISOString() });
    assert.deepEqual([both.status, (both.body as unknown as { issues: { path: string }[] }).issues.map((i) => i.path)], [400, ['body.fromTimestamp']]);
    const topic = await replay({ stage: 'tax-sink', fromOffset: 0, topic: RAW });
    assert.match(JSON.stringify(topic.body), /"path":"body.topic"/);
    assert.equal((await cp.call('POST', '/tenants/acme/pipelines/nothing/replay', { token: operator, body: { stage: 'transformer', fromOffset: 0 } })).status, 404);
  });
});
