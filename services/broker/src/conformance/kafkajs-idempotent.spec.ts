/**
 * An idempotent kafkajs producer whose answer is lost: a proxy between kafkajs and the broker
 * forwards the first Produce request, lets the broker write and answer it, then drops the
 * answer and closes the connection. kafkajs resends the same batch with the same producer id,
 * epoch and sequence; the broker must recognise it (Kafka keeps the last 5 batches of each
 * producer), answer with the original offset and write nothing, so each record is there once.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { type Kafka } from 'kafkajs';
import { BrokerProcess, freePort } from '@tributary/testing';
import { connectedConsumer, connectedProducer, consumeCount, createTopic, kafkaFor, sleep } from './kafkajs-client';

const PRODUCE = 0;

/** Cuts length-prefixed Kafka frames out of a byte stream. */
class Frames {
  private pending = Buffer.alloc(0);
  push(chunk: Buffer): Buffer[] {
    this.pending = Buffer.concat([this.pending, chunk]);
    const frames: Buffer[] = [];
    while (this.pending.length >= 4 && this.pending.length >= 4 + this.pending.readInt32BE(0)) {
      const end = 4 + this.pending.readInt32BE(0);
      frames.push(this.pending.subarray(0, end));
      this.pending = this.pending.subarray(end);
    }
    return frames;
  }
}

/** TCP proxy to the broker that swallows the answer to the first Produce request it sees. */
class AnswerDroppingProxy {
  producesForwarded = 0;
  answersDropped = 0;
  private armed = true;
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly server: Server, private readonly targetPort: () => number) {}

  static async start(targetPort: () => number): Promise<AnswerDroppingProxy> {
    const server = createServer();
    const proxy = new AnswerDroppingProxy(server, targetPort);
    server.on('connection', (client) => proxy.pipe(client));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private pipe(client: Socket): void {
    const upstream = connect(this.targetPort(), '127.0.0.1');
    for (const s of [client, upstream]) {
      this.sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => (this.sockets.delete(s), client.destroy(), upstream.destroy()));
    }
    let dropCorrelationId: number | null = null;
    const requests = new Frames();
    client.on('data', (chunk) => {
      for (const frame of requests.push(chunk)) {
        // Request header v1: size, api_key INT16, api_version INT16, correlation_id INT32.
        if (frame.readInt16BE(4) === PRODUCE) {
          this.producesForwarded++;
          if (this.armed) {
            this.armed = false;
            dropCorrelationId = frame.readInt32BE(8);
          }
        }
        upstream.write(frame);
      }
    });
    const answers = new Frames();
    upstream.on('data', (chunk) => {
      for (const frame of answers.push(chunk)) {
        if (frame.readInt32BE(4) === dropCorrelationId) {
          // The broker has written the batch and answered: the client never hears of it.
          this.answersDropped++;
          client.destroy();
          upstream.destroy();
          return;
        }
        client.write(frame);
      }
    });
  }
}

let broker: BrokerProcess;
let proxy: AnswerDroppingProxy;
let kafka: Kafka;

before(async () => {
  const brokerPort = await freePort();
  proxy = await AnswerDroppingProxy.start(() => brokerPort);
  // Clients are told the proxy's address, so every connection (not only the first) goes through it.
  broker = await BrokerProcess.start({ port: brokerPort, args: ['--advertise', `127.0.0.1:${proxy.port}`] });
  kafka = kafkaFor(`127.0.0.1:${proxy.port}`, { retry: { retries: 10, initialRetryTime: 100, maxRetryTime: 500 } });
});
after(async () => {
  await proxy.close();
  await broker.dispose();
});

test('an idempotent producer\'s batch whose answer was lost is resent and written only once', async () => {
  await createTopic(kafka, 'idempotent-retry', 3);
  const producer = await connectedProducer(kafka, { idempotent: true, maxInFlightRequests: 1 });
  const first = Array.from({ length: 30 }, (_, i) => ({ partition: i % 3, key: `k${i}`, value: `first-${i}` }));
  const answer = await producer.send({ topic: 'idempotent-retry', acks: -1, messages: first });
  assert.equal(proxy.answersDropped, 1, 'the proxy dropped the first answer');
  assert.ok(proxy.producesForwarded >= 2, 'kafkajs resent the batch');
  // The retry is answered with the offsets the batch got the first time.
  assert.deepEqual(answer.map((r) => [r.partition, r.errorCode, r.baseOffset]).sort(), [[0, 0, '0'], [1, 0, '0'], [2, 0, '0']]);
  const second = Array.from({ length: 30 }, (_, i) => ({ partition: i % 3, key: `k${i}`, value: `second-${i}` }));
  await producer.send({ topic: 'idempotent-retry', acks: -1, messages: second });
  await producer.disconnect();

  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets('idempotent-retry');
  await admin.disconnect();
  assert.deepEqual(offsets.map((o) => o.high), ['20', '20', '20'], 'nothing was written twice');

  const consumer = await connectedConsumer(kafka, 'idempotent-retry-reader');
  await consumer.subscribe({ topic: 'idempotent-retry', fromBeginning: true });
  const received = await consumeCount(consumer, 60);
  await sleep(300); // room for a duplicate to show up
  await consumer.disconnect();
  const values = received.map((r) => r.value!.toString());
  assert.equal(new Set(values).size, 60, 'every record exactly once');
  for (let p = 0; p < 3; p++) {
    const expected = [...first, ...second].filter((m) => m.partition === p).map((m) => m.value);
    assert.deepEqual(received.filter((r) => r.partition === p).map((r) => r.value!.toString()), expected, `partition ${p} in order`);
  }
});
