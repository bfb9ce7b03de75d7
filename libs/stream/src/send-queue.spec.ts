import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Message, Producer, ProducerBatch, ProducerRecord, RecordMetadata } from 'kafkajs';
import { createSendQueue } from './send-queue';

/** A producer that records its requests; topics named bad-* are refused. */
function fakeProducer() {
  const requests: { topic: string; values: string[] }[][] = [];
  const answer = (topic: string): RecordMetadata => ({ topicName: topic, partition: 0, errorCode: 0 });
  const refuse = (topic: string) => {
    if (topic.startsWith('bad-')) throw new Error(`unknown topic ${topic}`);
  };
  const producer = {
    async send(record: ProducerRecord) {
      requests.push([{ topic: record.topic, values: record.messages.map((m: Message) => String(m.value)) }]);
      refuse(record.topic);
      return [answer(record.topic)];
    },
    async sendBatch(batch: ProducerBatch) {
      requests.push(batch.topicMessages!.map((t) => ({ topic: t.topic, values: t.messages.map((m) => String(m.value)) })));
      for (const t of batch.topicMessages!) refuse(t.topic);
      return batch.topicMessages!.map((t) => answer(t.topic));
    },
  } as unknown as Producer;
  return { producer, requests };
}

const msg = (value: string): Message => ({ key: null, value: Buffer.from(value) });

describe('the send queue', () => {
  test('sends arriving together go out in one request, each topic in arrival order', async () => {
    const { producer, requests } = fakeProducer();
    const send = createSendQueue(producer);
    await Promise.all([send('a', [msg('1')]), send('b', [msg('x')]), send('a', [msg('2'), msg('3')]), send('a', [msg('4')])]);
    assert.equal(requests.length, 1);
    assert.deepEqual(requests[0], [{ topic: 'a', values: ['1', '2', '3', '4'] }, { topic: 'b', values: ['x'] }]);
  });

  test('sends arriving during a request wait for the next one', async () => {
    const { producer, requests } = fakeProducer();
    const send = createSendQueue(producer);
    const first = send('a', [msg('1')]);
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all([first, send('a', [msg('2')]), send('a', [msg('3')])]);
    assert.deepEqual(requests.map((r) => r.flatMap((t) => t.values)), [['1'], ['2', '3']]);
  });

  test('a refused entry fails alone; its neighbours are sent', async () => {
    const { producer } = fakeProducer();
    const send = createSendQueue(producer);
    const outcomes = await Promise.allSettled([send('a', [msg('1')]), send('bad-topic', [msg('2')]), send('c', [msg('3')])]);
    assert.deepEqual(outcomes.map((o) => o.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.match(String((outcomes[1] as PromiseRejectedResult).reason), /unknown topic bad-topic/);
  });
});
