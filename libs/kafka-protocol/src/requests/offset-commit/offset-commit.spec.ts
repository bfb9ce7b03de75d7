import { test } from 'node:test';
import assert from 'node:assert/strict';
import { offsetCommit } from './index';
import { Decoder } from '../../decoder';
import { ProtocolDecodeError } from '../../protocol-decode-error';
import { decodeWithOurs, encodeWithOurs, kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs-judge';

// kafkajs passes offsets as strings (int64); one is past 2^32 to check both halves.
const kafkajsCommit = {
  groupId: 'tributary.acme.result-writer',
  groupGenerationId: 5,
  memberId: 'm-1',
  retentionTime: 86400000,
  topics: [
    {
      topic: 'tributary.acme.orders.results',
      partitions: [
        { partition: 0, offset: '42', timestamp: 1700000000000, metadata: 'run-7' },
        { partition: 1, offset: '5000000000', timestamp: 1700000000001 },
      ],
    },
  ],
};

for (const version of [0, 1, 2, 3, 4, 5]) {
  test(`OffsetCommit v${version}: a request kafkajs encodes decodes with ours to the same values`, async () => {
    const body = await kafkajsRequestBody('offsetCommit', version, kafkajsCommit);
    assert.deepEqual(decodeWithOurs(offsetCommit, version, body), {
      groupId: 'tributary.acme.result-writer',
      generationId: version >= 1 ? 5 : -1,
      memberId: version >= 1 ? 'm-1' : '',
      retentionTimeMs: version >= 2 && version <= 4 ? 86400000 : -1,
      topics: [{
        name: 'tributary.acme.orders.results',
        partitions: [
          { partitionIndex: 0, committedOffset: 42, commitTimestamp: version === 1 ? 1700000000000 : -1, committedMetadata: 'run-7' },
          { partitionIndex: 1, committedOffset: 5000000000, commitTimestamp: version === 1 ? 1700000000001 : -1, committedMetadata: null },
        ],
      }],
    });
  });

  test(`OffsetCommit v${version}: a response we encode decodes with kafkajs to the same values`, async () => {
    const body = encodeWithOurs(offsetCommit, version, {
      throttleTimeMs: 8,
      topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, errorCode: 0 }, { partitionIndex: 1, errorCode: 22 }] }],
    });
    const decoded = await kafkajsDecodeResponse<{
      responses: unknown[]; throttleTime?: number; clientSideThrottleTime?: number;
    }>('offsetCommit', version, body);
    assert.deepEqual(decoded.responses, [
      { topic: 'orders', partitions: [{ partition: 0, errorCode: 0 }, { partition: 1, errorCode: 22 }] },
    ]);
    if (version === 3) assert.equal(decoded.throttleTime, 8);
    if (version >= 4) assert.equal(decoded.clientSideThrottleTime, 8);
  });
}

test('OffsetCommit v2 request decodes from a byte-exact fixture', () => {
  const hex =
    '0001' + '67' + '00000003' + '0001' + '6d' + // group "g", generation 3, member "m"
    'ffffffffffffffff' + // retention_time_ms -1
    '00000001' + '0001' + '74' + // topic "t"
    '00000001' + '00000002' + '0000000100000000' + 'ffff'; // partition 2, offset 2^32, metadata null
  assert.deepEqual(decodeWithOurs(offsetCommit, 2, Buffer.from(hex, 'hex')), {
    groupId: 'g',
    generationId: 3,
    memberId: 'm',
    retentionTimeMs: -1,
    topics: [{ name: 't', partitions: [{ partitionIndex: 2, committedOffset: 4294967296, commitTimestamp: -1, committedMetadata: null }] }],
  });
});

test('OffsetCommit v2 and v3 responses are byte-exact', () => {
  const res = { throttleTimeMs: 1, topics: [{ name: 't', partitions: [{ partitionIndex: 0, errorCode: 25 }] }] };
  const topics = '00000001' + '0001' + '74' + '00000001' + '00000000' + '0019';
  assert.equal(encodeWithOurs(offsetCommit, 2, res).toString('hex'), topics);
  assert.equal(encodeWithOurs(offsetCommit, 3, res).toString('hex'), '00000001' + topics);
});

for (const version of [1, 2, 5]) {
  test(`an OffsetCommit v${version} request cut short anywhere throws ProtocolDecodeError`, async () => {
    const body = await kafkajsRequestBody('offsetCommit', version, kafkajsCommit);
    for (let cut = 0; cut < body.length; cut++) {
      assert.throws(() => offsetCommit.versions[version].decodeRequest(new Decoder(body.subarray(0, cut))), ProtocolDecodeError, `cut at ${cut}`);
    }
  });
}
