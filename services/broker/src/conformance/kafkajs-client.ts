/**
 * What the kafkajs conformance specs share: a quiet kafkajs client for a broker address, a
 * consumer run that collects records until it has enough, polling for a condition, and a raw
 * socket client for requests kafkajs would never send (sequence gaps, exact duplicates).
 */
import { connect, type Socket } from 'node:net';
import { Decoder, Encoder } from '@tributary/kafka-protocol';
import { Kafka, logLevel, Partitioners, type Consumer, type ConsumerConfig, type IHeaders, type KafkaConfig, type Message, type Producer, type ProducerConfig } from 'kafkajs';

export { Decoder, Encoder };

/** A kafkajs client that logs nothing and retries briefly, so a failing test fails fast. */
export function kafkaFor(address: string, config: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    brokers: [address], clientId: 'kafkajs-conformance', logLevel: logLevel.NOTHING,
    retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 1000 }, ...config,
  });
}

/** A connected producer with the default (murmur2) partitioner, which also silences its warning. */
export async function connectedProducer(kafka: Kafka, config: ProducerConfig = {}): Promise<Producer> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false, ...config });
  await producer.connect();
  return producer;
}

/**
 * A connected consumer in `groupId`. Short fetch waits make disconnects quick (kafkajs waits for
 * the fetch in flight); a 6 s session with 500 ms heartbeats makes expulsions quick.
 */
export async function connectedConsumer(kafka: Kafka, groupId: string, config: Partial<ConsumerConfig> = {}): Promise<Consumer> {
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200, sessionTimeout: 6000, heartbeatInterval: 500, ...config });
  await consumer.connect();
  return consumer;
}

export async function createTopic(kafka: Kafka, topic: string, numPartitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    assertTrue(await admin.createTopics({ topics: [{ topic, numPartitions }], waitForLeaders: true }), `topic ${topic} was not created`);
  } finally {
    await admin.disconnect();
  }
}

/** Sends `messages` to `topic` with a producer of its own (acks=-1). */
export async function produceMessages(kafka: Kafka, topic: string, messages: Message[]): Promise<void> {
  const producer = await connectedProducer(kafka);
  try {
    await producer.send({ topic, acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
}

export interface Received {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: IHeaders;
  readonly timestamp: number;
}

/**
 * Runs `consumer` (already subscribed) until `count` records arrived, then resolves with them.
 * Rejects after `timeoutMs` naming how many came. The consumer keeps running: the caller
 * decides whether to wait for strays and when to disconnect.
 */
export function consumeCount(consumer: Consumer, count: number, timeoutMs = 20_000): Promise<Received[]> {
  const received: Received[] = [];
  return new Promise<Received[]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${received.length} of ${count} records arrived within ${timeoutMs} ms`)), timeoutMs);
    consumer
      .run({
        eachMessage: async ({ topic, partition, message }) => {
          received.push({
            topic, partition, offset: Number(message.offset), key: message.key, value: message.value,
            headers: message.headers ?? {}, timestamp: Number(message.timestamp),
          });
          if (received.length === count) {
            clearTimeout(timer);
            resolve(received);
          }
        },
      })
      .catch((err: Error) => (clearTimeout(timer), reject(err)));
  });
}

/** Polls `condition` every 50 ms; rejects after `timeoutMs` with `what` in the message. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await sleep(50);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function assertTrue(value: boolean, message: string): void {
  if (!value) throw new Error(message);
}

/**
 * One raw Kafka connection: writes request frames (header v1) and matches answers by
 * correlation id, for requests a well-behaved client would never send.
 */
export class RawKafkaConnection {
  private correlationId = 0;
  private buffered = Buffer.alloc(0);
  private readonly waiting = new Map<number, (body: Buffer) => void>();

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk) => this.onData(chunk));
    socket.on('close', () => {
      for (const [, answer] of this.waiting) answer(Buffer.alloc(0));
      this.waiting.clear();
    });
  }

  static open(address: string): Promise<RawKafkaConnection> {
    const [host, port] = address.split(':');
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), host, () => resolve(new RawKafkaConnection(socket)));
      socket.once('error', reject);
    });
  }

  /** Sends one request; resolves with the answer's body (after the correlation id). */
  request(apiKey: number, apiVersion: number, body: Buffer): Promise<Decoder> {
    const correlationId = ++this.correlationId;
    const header = new Encoder().int32(0).int16(apiKey).int16(apiVersion).int32(correlationId).nullableString('raw-conformance');
    const frame = Buffer.concat([header.finish(), body]);
    frame.writeInt32BE(frame.length - 4, 0);
    return new Promise((resolve, reject) => {
      this.waiting.set(correlationId, (answer) =>
        answer.length === 0 ? reject(new Error(`connection closed before answer ${correlationId}`)) : resolve(new Decoder(answer)));
      this.socket.write(frame);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    while (this.buffered.length >= 4 && this.buffered.length >= 4 + this.buffered.readInt32BE(0)) {
      const size = this.buffered.readInt32BE(0);
      const frame = this.buffered.subarray(4, 4 + size);
      this.buffered = this.buffered.subarray(4 + size);
      const id = frame.readInt32BE(0);
      this.waiting.get(id)?.(frame.subarray(4));
      this.waiting.delete(id);
    }
  }
}

/**
 * Fetch v4 of one partition from `offset`, as raw bytes: the record batches exactly as the
 * broker sends them (to see what it stored, e.g. that a compressed batch stayed compressed).
 * Fetch v4 => replica_id max_wait_ms min_bytes max_bytes isolation_level [topic [partition fetch_offset partition_max_bytes]]
 * Response v4 => throttle_time_ms [topic [partition error_code high_watermark last_stable_offset [aborted_transactions] records]]
 */
export async function fetchRawRecords(
  address: string, topic: string, partition: number, offset: number, wait = { maxWaitMs: 0, minBytes: 1 },
): Promise<Buffer> {
  const connection = await RawKafkaConnection.open(address);
  try {
    const request = new Encoder().int32(-1).int32(wait.maxWaitMs).int32(wait.minBytes).int32(1 << 20).int8(0)
      .int32(1).string(topic).int32(1).int32(partition).int64(offset).int32(1 << 20);
    const d = await connection.request(1, 4, request.finish());
    d.int32(); // throttle
    if (d.int32() !== 1 || d.string() !== topic || d.int32() !== 1 || d.int32() !== partition) throw new Error('unexpected fetch answer');
    const error = d.int16();
    if (error !== 0) throw new Error(`fetch of ${topic}-${partition} answered error ${error}`);
    d.int64(); // high watermark
    d.int64(); // last stable offset
    const aborted = d.int32();
    if (aborted > 0) throw new Error('no transactions expected');
    return d.nullableBytes() ?? Buffer.alloc(0);
  } finally {
    connection.close();
  }
}
