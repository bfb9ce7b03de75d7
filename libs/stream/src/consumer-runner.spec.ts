import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { platformType, type ErrorRecord } from '@tributary/avro';
import { BrokerProcess } from '@tributary/testing';
import type { Kafka } from 'kafkajs';
import { PAUSE_PARTITION, type ConsumedRecord } from './consumed-record';
import { ConsumerRunner } from './consumer-runner';
import type { ConsumerRunnerOptions } from './consumer-runner-options';
import { RecordRejection } from './record-rejection';
import { createStreamProducer, type StreamProducer } from './stream-producer';
import { codecWithRegistry, createTopics, eventually, FAST_CONSUMER, freshName, kafkaFor, readTopic, recordingLogger } from './testing/stream-test-kit';

const ORDER = { type: 'record', name: 'Order', fields: [{ name: 'orderId', type: 'string' }, { name: 'version', type: 'int' }] };
interface Order { orderId: string; version: number }

describe('ConsumerRunner against the embedded broker', () => {
  let broker: BrokerProcess;
  let kafka: Kafka;
  let producer: StreamProducer;
  const { codec } = codecWithRegistry();
  const runners: ConsumerRunner<Order>[] = [];

  before(async () => {
    broker = await BrokerProcess.start();
    kafka = kafkaFor(broker.address);
    producer = createStreamProducer({ kafka, codec });
    await producer.connect();
  });
  after(async () => {
    await Promise.all(runners.map((r) => r.stop()));
    await producer?.disconnect();
    await broker?.dispose();
  });

  /** A fresh pipeline's mapped, errors and retry topics. */
  async function pipeline(partitions: number): Promise<{ mapped: string; errors: string }> {
    const prefix = `tributary.acme.${freshName('p')}`;
    await createTopics(kafka, [`${prefix}.mapped`, `${prefix}.errors`, `${prefix}.retry`], partitions);
    return { mapped: `${prefix}.mapped`, errors: `${prefix}.errors` };
  }

  async function started(topic: string, handle: ConsumerRunnerOptions<Order>['handle'], extra: Partial<ConsumerRunnerOptions<Order>> = {}): Promise<ConsumerRunner<Order>> {
    const runner = new ConsumerRunner<Order>({
      kafka, codec, producer, groupId: `${topic}.validator`, topics: [topic], stage: 'VALIDATE', handle,
      consumer: FAST_CONSUMER, topicRefreshMs: 0, logger: recordingLogger(), ...extra,
    });
    runners.push(runner);
    await runner.start();
    return runner;
  }

  const publish = (topic: string, records: Array<{ key: string; value: Order; partition?: number }>) => producer.publish<Order>(topic, records, { schema: ORDER });

  test('keeps every key’s records in order while partitions are handled concurrently, at most `concurrency` at once', async () => {
    const { mapped } = await pipeline(4);
    const keys = Array.from({ length: 30 }, (_, i) => `order-${i}`);
    const versions = 20;
    for (let version = 0; version < versions; version++) {
      await publish(mapped, keys.map((key) => ({ key, value: { orderId: key, version } })));
    }
    const seen = new Map<string, number[]>();
    let inFlight = 0;
    let mostInFlight = 0;
    await started(mapped, async (record) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      if (record.value!.version % 3 === 0) await new Promise((resolve) => setTimeout(resolve, 2));
      seen.set(record.key!, [...(seen.get(record.key!) ?? []), record.value!.version]);
      inFlight -= 1;
    }, { concurrency: 4 });

    await eventually(() => [...seen.values()].reduce((n, v) => n + v.length, 0) >= keys.length * versions, 'every record handled');
    const inOrder = Array.from({ length: versions }, (_, v) => v);
    for (const key of keys) assert.deepEqual(seen.get(key), inOrder, `versions of ${key}`);
    assert.ok(mostInFlight > 1, `partitions were handled concurrently (at most ${mostInFlight} at once)`);
    assert.ok(mostInFlight <= 4, `never more than 4 partitions at once, saw ${mostInFlight}`);
  });

  test('sends undecodable and rejected records to <p>.errors as ErrorRecords and goes on with the partition', async () => {
    const { mapped, errors } = await pipeline(1);
    const unknownSchema = Buffer.concat([Buffer.from([0, 0, 0, 0x27, 0x0f]), Buffer.from('??')]);
    await publish(mapped, [{ key: 'a', value: { orderId: 'a', version: 1 } }]);
    await producer.publishEncoded(mapped, [
      { key: 'b', value: Buffer.from('{"orderId":"b"}'), headers: { 'tributary-run': '3f1c2a4e-9b7d-4c1e-8a2b-5d6e7f809a1b' } },
      { key: 'c', value: unknownSchema, headers: {} },
    ]);
    await publish(mapped, [{ key: 'd', value: { orderId: 'reject-me', version: 1 } }, { key: 'e', value: { orderId: 'e', version: 1 } }]);

    const handled: string[] = [];
    await started(mapped, async (record) => {
      handled.push(record.key!);
      if (record.value!.orderId === 'reject-me') {
        throw new RecordRejection([
          { code: 'notNull', message: 'is null', field: 'total' },
          { code: 'range', message: 'is below 0', field: 'lines[0].quantity' },
        ]);
      }
    });

    const raw = await readTopic(kafka, errors, 3);
    const reader = platformType('error-record');
    const errorRecords = await Promise.all(raw.map((r) => codec.decodeWith<ErrorRecord>(r.value!, reader)));
    const byOffset = new Map(errorRecords.map((e) => [e.sourceOffset!.offset, e]));

    const notAvro = byOffset.get(1)!;
    assert.deepEqual([notAvro.tenant, notAvro.stage, notAvro.attempt, notAvro.runId], ['acme', 'VALIDATE', 1, '3f1c2a4e-9b7d-4c1e-8a2b-5d6e7f809a1b']);
    assert.equal(notAvro.reasons[0].code, 'WRONG_MAGIC_BYTE');
    assert.deepEqual(notAvro.originalPayload, Buffer.from('{"orderId":"b"}'), 'the payload is kept byte for byte');
    assert.deepEqual(notAvro.recordKey, Buffer.from('b'));
    assert.deepEqual({ ...notAvro.sourceOffset! }, { topic: mapped, partition: 0, offset: 1 });

    assert.equal(byOffset.get(2)!.reasons[0].code, 'UNKNOWN_SCHEMA_ID');
    assert.deepEqual(byOffset.get(2)!.originalPayload, unknownSchema);

    const rejected = byOffset.get(3)!;
    assert.deepEqual(rejected.reasons.map((r) => [r.code, r.field]), [['notNull', 'total'], ['range', 'lines[0].quantity']]);
    assert.deepEqual(raw.map((r) => r.key!.toString()).sort(), ['b', 'c', 'd'], 'an error keeps its record’s key');

    await eventually(() => handled.includes('e'), 'the record after the poison ones');
    assert.deepEqual(handled, ['a', 'd', 'e']);
    await eventually(async () => (await committed(mapped))[0] === '5', 'offsets past every record committed');
  });

  test('pause holds a partition back while the others go on, and resume delivers what waited, in order', async () => {
    const { mapped } = await pipeline(2);
    const handled: Array<[number, number]> = [];
    const runner = await started(mapped, async (record) => void handled.push([record.partition, record.value!.version]));
    runner.pause([{ topic: mapped, partitions: [0] }]);
    await publish(mapped, [0, 1, 2, 3, 4].map((version) => ({ key: 'x', partition: 0, value: { orderId: 'x', version } })));
    await publish(mapped, [0, 1, 2, 3, 4].map((version) => ({ key: 'y', partition: 1, value: { orderId: 'y', version } })));

    await eventually(() => handled.filter(([p]) => p === 1).length === 5, 'partition 1 handled');
    assert.deepEqual(handled.filter(([p]) => p === 0), [], 'nothing of the paused partition');
    assert.deepEqual(runner.paused(), [{ topic: mapped, partitions: [0] }]);

    runner.resume([{ topic: mapped, partitions: [0] }]);
    await eventually(() => handled.filter(([p]) => p === 0).length === 5, 'partition 0 handled after resume');
    assert.deepEqual(handled.filter(([p]) => p === 0).map(([, v]) => v), [0, 1, 2, 3, 4]);
    assert.deepEqual(runner.paused(), []);
  });

  test('a handler answering PAUSE_PARTITION (an open circuit) gets the same record again after resume, nothing skipped', async () => {
    const { mapped } = await pipeline(2);
    let circuitOpen = true;
    const calls: Array<[number, number, string]> = [];
    const runner = await started(mapped, async (record: ConsumedRecord<Order>) => {
      const down = record.partition === 0 && record.value!.version === 2 && circuitOpen;
      calls.push([record.partition, record.value!.version, down ? 'paused' : 'done']);
      return down ? PAUSE_PARTITION : undefined;
    });
    await publish(mapped, [0, 1, 2, 3].map((version) => ({ key: 'x', partition: 0, value: { orderId: 'x', version } })));
    await publish(mapped, [0, 1, 2, 3].map((version) => ({ key: 'y', partition: 1, value: { orderId: 'y', version } })));

    await eventually(() => calls.some(([p, v, how]) => p === 0 && v === 2 && how === 'paused') && calls.filter(([p]) => p === 1).length === 4, 'the pause and partition 1');
    assert.deepEqual(runner.paused(), [{ topic: mapped, partitions: [0] }]);
    assert.ok(!calls.some(([p, v]) => p === 0 && v === 3), 'nothing after the paused record');

    circuitOpen = false;
    runner.resume([{ topic: mapped }]);
    await eventually(() => calls.some(([p, v]) => p === 0 && v === 3), 'partition 0 after resume');
    assert.deepEqual(calls.filter(([p]) => p === 0), [[0, 0, 'done'], [0, 1, 'done'], [0, 2, 'paused'], [0, 2, 'done'], [0, 3, 'done']]);
  });

  async function committed(topic: string): Promise<string[]> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [entry] = await admin.fetchOffsets({ groupId: `${topic}.validator`, topics: [topic] });
      return entry.partitions.sort((a, b) => a.partition - b.partition).map((p) => p.offset);
    } finally {
      await admin.disconnect();
    }
  }
});
