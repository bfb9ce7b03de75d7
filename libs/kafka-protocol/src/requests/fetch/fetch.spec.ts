import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fetch, fetchResponseSizeHint, type FetchRequest, type FetchResponse } from './index';
import { ProtocolDecodeError } from '../../protocol-decode-error';
import { encodeBatch } from '../../record-batch';
import { decodeWithOurs, encodeWithOurs, kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs-judge';

const versions = [4, 5, 6, 7, 8, 9, 10, 11];

const kafkajsArgs = {
  replicaId: -1,
  maxWaitTime: 5000,
  minBytes: 1,
  maxBytes: 10485760,
  isolationLevel: 0,
  sessionId: 12,
  sessionEpoch: 3,
  rackId: 'rack-a',
  topics: [
    { topic: 'tributary.acme.orders.valid', partitions: [
      { partition: 0, currentLeaderEpoch: 4, fetchOffset: 2 ** 40 + 3, logStartOffset: 2, maxBytes: 1048576 },
      { partition: 3, currentLeaderEpoch: -1, fetchOffset: 0, logStartOffset: -1, maxBytes: 512 },
    ] },
  ],
  forgottenTopics: [{ topic: 'gone', partitions: [1, 2] }],
};

function expectedRequest(version: number): FetchRequest {
  return {
    replicaId: -1,
    maxWaitMs: 5000,
    minBytes: 1,
    maxBytes: 10485760,
    isolationLevel: 0,
    ...(version >= 7 && { sessionId: 12, sessionEpoch: 3 }),
    topics: [{ name: 'tributary.acme.orders.valid', partitions: kafkajsArgs.topics[0].partitions.map((p) => ({
      partitionIndex: p.partition,
      ...(version >= 9 && { currentLeaderEpoch: p.currentLeaderEpoch }),
      fetchOffset: p.fetchOffset,
      ...(version >= 5 && { logStartOffset: p.logStartOffset }),
      partitionMaxBytes: p.maxBytes,
    })) }],
    ...(version >= 7 && { forgottenTopics: [{ name: 'gone', partitions: [1, 2] }] }),
    ...(version >= 11 && { rackId: 'rack-a' }),
  };
}

const record = (offset: number, value: string) => ({ offset, timestamp: 1_700_000_000_000 + offset, key: Buffer.from(`k${offset}`), value: Buffer.from(value) });
const stored = Buffer.concat([
  encodeBatch({ baseOffset: 10, records: [record(10, 'a'), record(11, 'b')] }),
  encodeBatch({ baseOffset: 12, records: [record(12, 'c')] }),
  // A partial batch at the end, as a fetch cut at partition_max_bytes returns it.
  encodeBatch({ baseOffset: 13, records: [record(13, 'd')] }).subarray(0, 30),
]);

const response: FetchResponse = {
  throttleTimeMs: 7,
  errorCode: 0,
  sessionId: 99,
  topics: [{ name: 'tributary.acme.orders.valid', partitions: [
    { partitionIndex: 0, errorCode: 0, highWatermark: 13, lastStableOffset: 13, logStartOffset: 10, preferredReadReplica: -1, records: stored },
    { partitionIndex: 3, errorCode: 1, highWatermark: 40, lastStableOffset: 38, logStartOffset: 5,
      abortedTransactions: [{ producerId: 2 ** 35, firstOffset: 20 }], preferredReadReplica: 0, records: null },
  ] }],
};

interface KafkajsFetchPartition {
  partition: number; errorCode: number; highWatermark: string; lastStableOffset: string; lastStartOffset?: string;
  abortedTransactions: { producerId: string; firstOffset: string }[]; preferredReadReplica?: number;
  messages: { offset: string; key: Buffer; value: Buffer }[];
}
interface KafkajsFetchResponse {
  throttleTime: number; clientSideThrottleTime?: number; errorCode?: number; sessionId?: number;
  responses: { topicName: string; partitions: KafkajsFetchPartition[] }[];
}

for (const version of versions) {
  test(`Fetch v${version}: a kafkajs request decodes with ours to every field the version carries`, async () => {
    const body = await kafkajsRequestBody('fetch', version, kafkajsArgs);
    assert.deepEqual(decodeWithOurs(fetch, version, body), expectedRequest(version));
  });

  test(`Fetch v${version}: our response decodes in kafkajs, records and all`, async () => {
    const body = encodeWithOurs(fetch, version, response);
    assert.ok(fetchResponseSizeHint(response) >= body.length, 'size hint is an upper bound');
    const decoded = await kafkajsDecodeResponse<KafkajsFetchResponse>('fetch', version, body);
    assert.equal(version >= 8 ? decoded.clientSideThrottleTime : decoded.throttleTime, 7);
    if (version >= 7) assert.deepEqual([decoded.errorCode, decoded.sessionId], [0, 99]);
    const [topic] = decoded.responses;
    assert.equal(topic.topicName, 'tributary.acme.orders.valid');
    const [p0, p3] = topic.partitions;
    assert.deepEqual([p0.partition, p0.errorCode, p0.highWatermark, p0.lastStableOffset], [0, 0, '13', '13']);
    assert.deepEqual(p0.messages.map((m) => [m.offset, String(m.key), String(m.value)]), [['10', 'k10', 'a'], ['11', 'k11', 'b'], ['12', 'k12', 'c']]);
    assert.deepEqual(p0.abortedTransactions, []); // null on the wire; kafkajs reads it as []
    assert.deepEqual([p3.partition, p3.errorCode, p3.highWatermark, p3.lastStableOffset, p3.messages], [3, 1, '40', '38', []]);
    assert.deepEqual(p3.abortedTransactions, [{ producerId: String(2 ** 35), firstOffset: '20' }]);
    if (version >= 5) assert.deepEqual([p0.lastStartOffset, p3.lastStartOffset], ['10', '5']);
    if (version >= 11) assert.deepEqual([p0.preferredReadReplica, p3.preferredReadReplica], [-1, 0]);
  });

  test(`Fetch v${version}: every truncation of a request throws ProtocolDecodeError`, async () => {
    const body = await kafkajsRequestBody('fetch', version, kafkajsArgs);
    for (let len = 0; len < body.length; len++) {
      assert.throws(() => decodeWithOurs(fetch, version, body.subarray(0, len)), ProtocolDecodeError);
    }
  });
}

test('Fetch response records are written as the exact stored bytes', () => {
  const body = encodeWithOurs(fetch, 4, response);
  const at = body.indexOf(stored);
  assert.ok(at > 0);
  assert.equal(body.readInt32BE(at - 4), stored.length);
});

test('Fetch v4 response is byte-exact', () => {
  const body = encodeWithOurs(fetch, 4, {
    topics: [{ name: 't', partitions: [{ partitionIndex: 0, errorCode: 0, highWatermark: 3, lastStableOffset: 3, records: null }] }],
  });
  assert.equal(body.toString('hex'),
    '00000000' + '00000001' + '0001' + '74' + '00000001' + '00000000' + '0000' + '0000000000000003' + '0000000000000003' + 'ffffffff' + '00000000');
});

test('Fetch response sends null records as an empty record set, which librdkafka requires', () => {
  for (const version of versions) {
    const body = encodeWithOurs(fetch, version, {
      topics: [{ name: 't', partitions: [{ partitionIndex: 0, errorCode: 3, highWatermark: -1, records: null }] }],
    });
    assert.equal(body.subarray(-4).toString('hex'), '00000000', `v${version}`);
  }
});

test('Fetch v11 response is byte-exact', () => {
  const body = encodeWithOurs(fetch, 11, {
    throttleTimeMs: 1,
    errorCode: 0,
    sessionId: 2,
    topics: [{ name: 't', partitions: [{ partitionIndex: 0, errorCode: 0, highWatermark: 3, lastStableOffset: 3, logStartOffset: 0,
      abortedTransactions: [], records: Buffer.from([0xab, 0xcd]) }] }],
  });
  assert.equal(body.toString('hex'),
    '00000001' + '0000' + '00000002' + '00000001' + '0001' + '74' + '00000001' + '00000000' + '0000' +
    '0000000000000003' + '0000000000000003' + '0000000000000000' + '00000000' + 'ffffffff' + '00000002' + 'abcd');
});
