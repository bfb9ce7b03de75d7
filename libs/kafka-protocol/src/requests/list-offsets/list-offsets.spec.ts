import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listOffsets, LIST_OFFSETS_TIMESTAMP, type ListOffsetsRequest, type ListOffsetsResponse } from './index';
import { ProtocolDecodeError } from '../../protocol-decode-error';
import { decodeWithOurs, encodeWithOurs, kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs-judge';

const kafkajsArgs = {
  replicaId: -1,
  isolationLevel: 0,
  topics: [
    { topic: 'tributary.acme.orders.raw', partitions: [
      { partition: 0, timestamp: LIST_OFFSETS_TIMESTAMP.LATEST, maxNumOffsets: 1 },
      { partition: 1, timestamp: LIST_OFFSETS_TIMESTAMP.EARLIEST, maxNumOffsets: 3 },
    ] },
    { topic: 'other', partitions: [{ partition: 2, timestamp: 1_700_000_000_000, maxNumOffsets: 1 }] },
  ],
};

function expectedRequest(version: number): ListOffsetsRequest {
  return {
    replicaId: -1,
    ...(version >= 2 && { isolationLevel: 0 }),
    topics: kafkajsArgs.topics.map((t) => ({
      name: t.topic,
      partitions: t.partitions.map((p) => ({
        partitionIndex: p.partition,
        timestamp: p.timestamp,
        ...(version === 0 && { maxNumOffsets: p.maxNumOffsets }),
      })),
    })),
  };
}

const response: ListOffsetsResponse = {
  throttleTimeMs: 9,
  topics: [{ name: 'tributary.acme.orders.raw', partitions: [
    { partitionIndex: 0, errorCode: 0, timestamp: -1, offset: 2 ** 36 + 4 },
    { partitionIndex: 1, errorCode: 3 },
  ] }],
};

for (const version of [0, 1, 2, 3]) {
  test(`ListOffsets v${version}: a kafkajs request decodes with ours to every field the version carries`, async () => {
    const body = await kafkajsRequestBody('listOffsets', version, kafkajsArgs);
    assert.deepEqual(decodeWithOurs(listOffsets, version, body), expectedRequest(version));
  });

  test(`ListOffsets v${version}: our response decodes in kafkajs to the same values`, async () => {
    const decoded = await kafkajsDecodeResponse<{
      throttleTime?: number; clientSideThrottleTime?: number;
      responses: { topic: string; partitions: Record<string, unknown>[] }[];
    }>('listOffsets', version, encodeWithOurs(listOffsets, version, response));
    const partitions = version === 0
      ? [{ partition: 0, errorCode: 0, offsets: [String(2 ** 36 + 4)] }, { partition: 1, errorCode: 3, offsets: [] }]
      : [
          { partition: 0, errorCode: 0, timestamp: '-1', offset: String(2 ** 36 + 4) },
          { partition: 1, errorCode: 3, timestamp: '-1', offset: '-1' },
        ];
    assert.deepEqual(decoded.responses, [{ topic: 'tributary.acme.orders.raw', partitions }]);
    if (version === 2) assert.equal(decoded.throttleTime, 9);
    if (version === 3) assert.equal(decoded.clientSideThrottleTime, 9);
  });

  test(`ListOffsets v${version}: every truncation of a request throws ProtocolDecodeError`, async () => {
    const body = await kafkajsRequestBody('listOffsets', version, kafkajsArgs);
    for (let len = 0; len < body.length; len++) {
      assert.throws(() => decodeWithOurs(listOffsets, version, body.subarray(0, len)), ProtocolDecodeError);
    }
  });
}

test('ListOffsets v0 response sends oldStyleOffsets when given, newest first as the broker lists them', () => {
  const body = encodeWithOurs(listOffsets, 0, {
    topics: [{ name: 't', partitions: [{ partitionIndex: 0, errorCode: 0, oldStyleOffsets: [9, 0] }] }],
  });
  assert.equal(body.toString('hex'),
    '00000001' + '0001' + '74' + '00000001' + '00000000' + '0000' + '00000002' + '0000000000000009' + '0000000000000000');
});

test('ListOffsets v2 response is byte-exact', () => {
  const body = encodeWithOurs(listOffsets, 2, {
    topics: [{ name: 't', partitions: [{ partitionIndex: 0, errorCode: 0, timestamp: -1, offset: 5 }] }],
  });
  assert.equal(body.toString('hex'),
    '00000000' + '00000001' + '0001' + '74' + '00000001' + '00000000' + '0000' + 'ffffffffffffffff' + '0000000000000005');
});
