import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { Encoder, errorCode, type FetchRequest, type FetchResponse } from '@tributary/kafka-protocol';
import pino from 'pino';
import { SaslGate } from '../handlers/sasl';
import { Connection, type RequestDispatcher } from './connection';

// Answers every Fetch later (a promise, like the broker's long-polling fetch) with
// UNKNOWN_TOPIC_OR_PARTITION for each topic it names, echoing the names back as Kafka does.
const dispatch: RequestDispatcher = async (_apiKey, request) => {
  const req = request as FetchRequest;
  const response: FetchResponse = {
    topics: req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: errorCode('UNKNOWN_TOPIC_OR_PARTITION'), highWatermark: -1, records: null })),
    })),
  };
  return response;
};

let server: Server;
before(async () => {
  server = createServer((socket) => new Connection(socket, dispatch, new SaslGate(null), pino({ level: 'silent' }), 1 << 20));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

function fetchV4Frame(topicName: Buffer): Buffer {
  const e = new Encoder();
  e.int32(0).int16(1).int16(4).int32(7).nullableString('test');
  e.int32(-1).int32(0).int32(1).int32(1 << 20).int8(0);
  e.int32(1).int16(topicName.length).raw(topicName).int32(1).int32(0).int64(0).int32(1 << 16);
  e.patchInt32(0, e.length - 4);
  return Buffer.from(e.finish());
}

/** Sends one frame; resolves with what came back before the broker closed, or after 2 s. */
function exchange(frame: Buffer): Promise<{ received: Buffer; closed: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect((server.address() as AddressInfo).port, '127.0.0.1', () => socket.write(frame));
    const finish = (closed: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ received: Buffer.concat(chunks), closed });
    };
    const timer = setTimeout(() => finish(false), 2000);
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      const all = Buffer.concat(chunks);
      if (all.length >= 4 && all.length >= 4 + all.readInt32BE(0)) finish(false);
    });
    socket.on('close', () => finish(true));
  });
}

test('an answer too long to encode (a name of invalid UTF-8 echoed back) closes that connection, not the process', async () => {
  // 20 000 bytes of 0xff decode to 20 000 U+FFFD, 60 000 bytes: more than an int16 length holds.
  const { received, closed } = await exchange(fetchV4Frame(Buffer.alloc(20_000, 0xff)));
  assert.equal(closed, true);
  assert.equal(received.length, 0);
  // The listener still serves: a sane request on a new connection gets its answer.
  const sane = await exchange(fetchV4Frame(Buffer.from('orders')));
  assert.equal(sane.closed, false);
  assert.equal(sane.received.readInt32BE(4), 7, 'correlation id of the answer');
});
