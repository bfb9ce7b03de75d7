import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPlan } from '@tributary/pipeline-spec';
import { BrokerProcess } from '@tributary/testing';
import type { Admin, Kafka } from 'kafkajs';
import { ConsumerRunner } from './consumer-runner';
import { createStreamProducer, type StreamProducer } from './stream-producer';
import { ensurePipelineTopics } from './topic-admin';
import { codecWithRegistry, eventually, FAST_CONSUMER, freshName, kafkaFor, recordingLogger } from './testing/stream-test-kit';

const ORDER = { type: 'record', name: 'Order', fields: [{ name: 'orderId', type: 'string' }] };
interface Order { orderId: string }

const pipelineDocument = (tenant: string, name: string) => `apiVersion: tributary/v1
kind: Pipeline
metadata: { tenant: ${tenant}, name: ${name} }
source: { connector: postgres, connection: { secret: erp }, table: orders, mode: full, key: order_id }
sinks:
  - taxApi: {}
settings: { partitions: 2 }
`;

describe('a ConsumerRunner subscribed by pattern', () => {
  let broker: BrokerProcess;
  let kafka: Kafka;
  let admin: Admin;
  let producer: StreamProducer;
  let runner: ConsumerRunner<Order>;
  const { codec } = codecWithRegistry();
  const tenant = freshName('t');
  const handled: Array<{ topic: string; orderId: string }> = [];
  const handledOn = (topic: string) => handled.filter((h) => h.topic === topic).map((h) => h.orderId);

  /** Creates a pipeline's topics the way a deployer does: compile the document, apply the plan. */
  async function createPipeline(name: string): Promise<string> {
    const { plan } = loadPlan(pipelineDocument(tenant, name));
    await ensurePipelineTopics(admin, plan);
    return plan.topics.find((t) => t.stage === 'mapped')!.name;
  }
  const publish = (topic: string, ids: string[]) => producer.publish<Order>(topic, ids.map((orderId) => ({ key: orderId, value: { orderId } })), { schema: ORDER });

  before(async () => {
    broker = await BrokerProcess.start();
    kafka = kafkaFor(broker.address);
    admin = kafka.admin();
    await admin.connect();
    producer = createStreamProducer({ kafka, codec });
    await producer.connect();
  });
  after(async () => {
    await runner?.stop();
    await producer?.disconnect();
    await admin?.disconnect();
    await broker?.dispose();
  });

  test('picks up a pipeline created after it started, without a restart, and loses nothing of the old one meanwhile', async () => {
    const first = await createPipeline('first');
    runner = new ConsumerRunner<Order>({
      kafka, codec, producer, groupId: `tributary.${tenant}.validator`, topics: [new RegExp(`^tributary\\.${tenant}\\.[^.]+\\.mapped$`)],
      stage: 'VALIDATE', consumer: FAST_CONSUMER, topicRefreshMs: 200, logger: recordingLogger(),
      handle: async (record) => void handled.push({ topic: record.topic, orderId: record.value!.orderId }),
    });
    await runner.start();
    assert.deepEqual([...runner.topics().keys()], [first]);
    await publish(first, ['a1', 'a2']);
    await eventually(() => handledOn(first).length === 2, 'the first pipeline’s records');

    const second = await createPipeline('second');
    await publish(second, ['b1', 'b2', 'b3']); // written before the runner has seen the topic
    await publish(first, ['a3', 'a4']);
    await eventually(() => handledOn(second).length === 3 && handledOn(first).length === 4, 'both pipelines’ records');
    assert.deepEqual([...runner.topics()], [[first, 2], [second, 2]]);
    assert.deepEqual(handledOn(second).sort(), ['b1', 'b2', 'b3'], 'records written before the subscription caught up are read from the beginning');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(handledOn(first).sort(), ['a1', 'a2', 'a3', 'a4'], 'the switch to the new subscription handled nothing twice');
  });

  test('refreshTopics picks a new pipeline up at once, for a service that watches _tributary.pipelines', async () => {
    const third = await createPipeline('third');
    await runner.refreshTopics();
    assert.ok(runner.topics().has(third));
    await publish(third, ['c1']);
    await eventually(() => handledOn(third).length === 1, 'the third pipeline’s record');
  });

  test('topics of other stages and tenants do not match the pattern', async () => {
    await createPipeline('fourth');
    await ensurePipelineTopics(admin, loadPlan(pipelineDocument(freshName('other'), 'first')).plan);
    await runner.refreshTopics();
    const topics = [...runner.topics().keys()];
    assert.equal(topics.length, 4);
    assert.ok(topics.every((t) => t.startsWith(`tributary.${tenant}.`) && t.endsWith('.mapped')), topics.join(', '));
  });
});
