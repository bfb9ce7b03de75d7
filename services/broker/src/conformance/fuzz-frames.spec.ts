/**
 * The broker against hostile bytes, each input on a fresh socket of one running broker:
 * random byte strings, well-formed requests (request-frames.ts) mutated by fast-check, and a
 * frame declaring 2 GB. Every connection must get an answer or be closed within a deadline,
 * the process must never exit, a well-behaved kafkajs producer and consumer must keep working
 * throughout, and the broker's memory must stay bounded.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import fc from 'fast-check';
import { Kafka, logLevel, type Admin, type Consumer, type Producer } from 'kafkajs';
import { apiByKey, decodeRequestHeader, Decoder, fetch, joinGroup, produce, SUPPORTED_API_VERSIONS, syncGroup } from '@tributary/kafka-protocol';
import { BrokerProcess } from '@tributary/testing';
import { frameMutation, MAX_FRAME_BYTES, mutate, prefixed } from './frame-mutations';
import { seedFrames } from './request-frames';

const DEADLINE_MS = 3000;
const HEALTH_CHECK_EVERY = 25;
const TARGET = 'fuzz-target';
const HEALTH = 'fuzz-health';
const SEEDS = seedFrames(TARGET);

let broker: BrokerProcess;
let producer: Producer;
let consumer: Consumer;
let admin: Admin;
const pings = new Set<string>();
let inputs = 0;

before(async () => {
  broker = await BrokerProcess.start();
  const kafka = new Kafka({ brokers: [broker.address], clientId: 'fuzz-health', logLevel: logLevel.NOTHING });
  admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: TARGET }, { topic: HEALTH }], waitForLeaders: true });
  producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  consumer = kafka.consumer({ groupId: 'fuzz-health', sessionTimeout: 10_000, heartbeatInterval: 500 });
  await consumer.connect();
  await consumer.subscribe({ topic: HEALTH, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void pings.add(message.value!.toString()) });
  await healthCheck();
});
after(async () => {
  await consumer?.disconnect();
  await producer?.disconnect();
  await admin?.disconnect();
  await broker.dispose();
});

/** The broker child's resident memory in bytes, or null when it has exited or died. */
function brokerRss(): number | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${broker.pid}/status`, 'utf8');
  } catch {
    return null;
  }
  if (/^State:\s+[ZX]/m.test(status)) return null;
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)![1]) * 1024;
}

function aliveBrokerRss(): number {
  const rss = brokerRss();
  assert.ok(rss !== null, `the broker process died:\n${broker.output.slice(-3000)}`);
  return rss;
}

/**
 * A well-behaved client still gets a record through (produce one, see the consumer receive it),
 * and what hostile inputs may have added to shared state (groups, topics) still lists.
 */
async function healthCheck(): Promise<void> {
  try {
    await clientsStillWork();
  } catch (err) {
    // State damage outlives its input, so fast-check cannot shrink to it: name the suspects.
    const suspects = sinceLastCheck.map(hex).join('\n  ');
    throw new Error(`${(err as Error).message}\ninputs since the last good check:\n  ${suspects}`);
  }
  sinceLastCheck.length = 0;
}

async function clientsStillWork(): Promise<void> {
  const { groups } = await admin.listGroups();
  assert.ok(groups.some((g) => g.groupId === 'fuzz-health'), `ListGroups lost the health group after ${inputs} hostile inputs`);
  assert.ok((await admin.listTopics()).includes(HEALTH));
  const value = `ping ${inputs}`;
  await producer.send({ topic: HEALTH, acks: -1, messages: [{ value }] });
  const deadline = Date.now() + 15_000;
  while (!pings.has(value)) {
    assert.ok(Date.now() < deadline, `kafkajs consumer did not receive "${value}" after ${inputs} hostile inputs`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

type Outcome = 'answered' | 'closed' | 'silent';

/** Writes `bytes` on a new connection; waits for one whole response frame, the close, or the deadline. */
function exchange(bytes: Buffer, halfClose: boolean): Promise<Outcome> {
  return new Promise((resolve) => {
    let received = Buffer.alloc(0);
    const socket = connect(broker.port, '127.0.0.1', () => {
      socket.write(bytes);
      if (halfClose) socket.end();
    });
    const finish = (outcome: Outcome): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish('silent'), DEADLINE_MS);
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 4 && received.length >= 4 + received.readInt32BE(0)) finish('answered');
    });
    socket.on('error', () => undefined); // a reset is one way of closing
    socket.on('close', () => finish('closed'));
  });
}

/**
 * Whether the broker owes an answer (or a close) without more input from us: the first frame is
 * whole, or its size is refused outright. A partial frame is rightly waited for, and a few
 * whole requests rightly get no prompt answer (acks=0, a long-polling Fetch, group joins); for
 * those we half-close and the broker must notice.
 */
function owesPromptReply(bytes: Buffer): boolean {
  if (bytes.length < 4) return false;
  const size = bytes.readInt32BE(0);
  if (size < 0 || size > MAX_FRAME_BYTES) return true;
  if (bytes.length < 4 + size) return false;
  try {
    const d = new Decoder(bytes, 4, 4 + size);
    const header = decodeRequestHeader(d);
    const codec = apiByKey(header.apiKey)?.versions[header.apiVersion];
    if (!codec) return true;
    const request = codec.decodeRequest(d) as { acks?: number; maxWaitMs?: number };
    if (header.apiKey === produce.key) return request.acks !== 0;
    if (header.apiKey === fetch.key) return request.maxWaitMs! < DEADLINE_MS / 3;
    return header.apiKey !== joinGroup.key && header.apiKey !== syncGroup.key;
  } catch {
    return true; // undecodable: the broker must refuse it
  }
}

const hex = (b: Buffer): string => (b.length > 300 ? `${b.subarray(0, 300).toString('hex')}... (${b.length} bytes)` : b.toString('hex'));
let previous: Buffer = Buffer.alloc(0);
const sinceLastCheck: Buffer[] = [];

async function throwAt(bytes: Buffer): Promise<void> {
  const outcome = await exchange(bytes, !owesPromptReply(bytes));
  if (brokerRss() === null) {
    // Start it again so fast-check's shrinking runs against a live broker and ends at the
    // input that kills it (a crash may surface one input late, hence the previous one too).
    const output = broker.output.slice(-3000);
    await broker.restart();
    assert.fail(`the broker died on ${hex(bytes)} (or on the input before: ${hex(previous)}):\n${output}`);
  }
  previous = bytes;
  sinceLastCheck.push(bytes);
  assert.notEqual(outcome, 'silent', `no answer and no close within ${DEADLINE_MS} ms for ${hex(bytes)}`);
  if (++inputs % HEALTH_CHECK_EVERY === 0) await healthCheck();
}

test('random bytes, bare or framed behind a valid header, get an error answer or a closed connection', async () => {
  const apiVersionPairs = SUPPORTED_API_VERSIONS.flatMap((r) => Array.from({ length: r.maxVersion - r.minVersion + 1 }, (_, i) => [r.apiKey, r.minVersion + i] as const));
  const input = fc.oneof(
    fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
    fc.uint8Array({ maxLength: 300 }).map(prefixed),
    fc.tuple(fc.constantFrom(...apiVersionPairs), fc.uint8Array({ maxLength: 300 })).map(([[key, version], body]) => {
      const header = Buffer.alloc(10);
      header.writeInt16BE(key, 0);
      header.writeInt16BE(version, 2);
      header.writeInt32BE(99, 4);
      header.writeInt16BE(-1, 8); // null client id
      return prefixed(Buffer.concat([header, body]));
    }),
  );
  await fc.assert(fc.asyncProperty(input, throwAt), { numRuns: 500 });
});

test('well-formed requests, mutated (bytes flipped, truncated, extended, sizes, api keys, versions and counts that lie), get an error answer or a closed connection', async () => {
  const input = fc.tuple(fc.nat({ max: SEEDS.length - 1 }), fc.array(frameMutation(SEEDS.length), { minLength: 1, maxLength: 3 }))
    .map(([seed, mutations]) => mutate(SEEDS, seed, mutations));
  await fc.assert(fc.asyncProperty(input, throwAt), { numRuns: 1500 });
});

test('a frame declaring 2 GB is refused before its body is buffered', async () => {
  const before = aliveBrokerRss();
  for (const size of [0x7fffffff, -0x80000000, MAX_FRAME_BYTES + 1]) {
    const outcome = await new Promise<Outcome>((resolve) => {
      const socket = connect(broker.port, '127.0.0.1');
      const chunk = Buffer.alloc(1 << 20, 0x41);
      const head = Buffer.alloc(4);
      head.writeInt32BE(size);
      // Keep streaming until the broker hangs up; a broker that buffered would let us go on.
      let sent = 0;
      const pump = (): void => {
        while (sent < 256 && socket.write(sent === 0 ? Buffer.concat([head, chunk]) : chunk)) sent++;
      };
      socket.on('connect', pump);
      socket.on('drain', () => (sent++, pump()));
      socket.on('error', () => undefined);
      socket.on('close', () => (clearTimeout(timer), resolve('closed')));
      const timer = setTimeout(() => (socket.destroy(), resolve('silent')), 10_000);
    });
    assert.equal(outcome, 'closed', `a frame declaring ${size} bytes was not refused`);
  }
  assert.ok(aliveBrokerRss() - before < 64 << 20, 'the broker buffered a refused frame');
  await healthCheck();
});

test('after every hostile input the broker is alive, its memory bounded, and kafkajs still works', async () => {
  const rss = aliveBrokerRss();
  assert.ok(rss < 512 << 20, `broker resident memory is ${Math.round(rss / 2 ** 20)} MB`);
  await healthCheck();
});
