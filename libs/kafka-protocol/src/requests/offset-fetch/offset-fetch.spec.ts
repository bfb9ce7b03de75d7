import { test } from 'node:test';
import assert from 'node:assert/strict';
import { offsetFetch } from './index';
import { Decoder } from '../../decoder';
import { ProtocolDecodeError } from '../../protocol-decode-error';
import { decodeWithOurs, encodeWithOurs, kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs-judge';

// kafkajs has no OffsetFetch v0 (ZooKeeper offsets), and neither do we.
const kafkajsFetch = {
  groupId: 'tributary.acme.tax-sink',
  topics: [{ topic: 'orders', partitions: [{ partition: 0 }, { partition: 2 }] }, { topic: 'returns', partitions: [] }],
};

interface KafkajsOffsetFetch {
  responses: { topic: string; partitions: { partition: number; offset: string; metadata: string | null; errorCode: number }[] }[];
  errorCode?: number;
  throttleTime?: number;
  clientSideThrottleTime?: number;
}

for (const version of [1, 2, 3, 4]) {
  test(`OffsetFetch v${version}: a request kafkajs encodes decodes with ours to the same values`, async () => {
    const body = await kafkajsRequestBody('offsetFetch', version, kafkajsFetch);
    assert.deepEqual(decodeWithOurs(offsetFetch, version, body), {
      groupId: 'tributary.acme.tax-sink',
      topics: [{ name: 'orders', partitionIndexes: [0, 2] }, { name: 'returns', partitionIndexes: [] }],
    });
  });

  test(`OffsetFetch v${version}: a response we encode decodes with kafkajs to the same values`, async () => {
    const body = encodeWithOurs(offsetFetch, version, {
      throttleTimeMs: 11,
      errorCode: 0,
      topics: [{
        name: 'orders',
        partitions: [
          { partitionIndex: 0, committedOffset: 6000000000, metadata: 'run-7', errorCode: 0 },
          { partitionIndex: 2, committedOffset: -1, metadata: '', errorCode: 0 },
        ],
      }],
    });
    const decoded = await kafkajsDecodeResponse<KafkajsOffsetFetch>('offsetFetch', version, body);
    assert.deepEqual(decoded.responses, [{
      topic: 'orders',
      partitions: [
        { partition: 0, offset: '6000000000', metadata: 'run-7', errorCode: 0 },
        { partition: 2, offset: '-1', metadata: '', errorCode: 0 },
      ],
    }]);
    if (version >= 2) assert.equal(decoded.errorCode, 0);
    if (version === 3) assert.equal(decoded.throttleTime, 11);
    if (version === 4) assert.equal(decoded.clientSideThrottleTime, 11);
  });
}

for (const version of [3, 4]) {
  test(`OffsetFetch v${version}: kafkajs's empty topic list arrives as null, meaning every committed partition`, async () => {
    const body = await kafkajsRequestBody('offsetFetch', version, { groupId: 'g', topics: [] });
    assert.deepEqual(decodeWithOurs(offsetFetch, version, body), { groupId: 'g', topics: null });
  });
}

test('OffsetFetch v2 request with null topics decodes from a byte-exact fixture', () => {
  assert.deepEqual(decodeWithOurs(offsetFetch, 2, Buffer.from('0001' + '67' + 'ffffffff', 'hex')), { groupId: 'g', topics: null });
});

test('OffsetFetch v1 rejects null topics, which only v2 allows', () => {
  assert.throws(() => decodeWithOurs(offsetFetch, 1, Buffer.from('0001' + '67' + 'ffffffff', 'hex')), ProtocolDecodeError);
});

test('OffsetFetch responses are byte-exact: v1 bare, v2 with the group error last, v3 with throttle first', () => {
  const res = {
    throttleTimeMs: 2,
    errorCode: 14,
    topics: [{ name: 't', partitions: [{ partitionIndex: 1, committedOffset: 3, metadata: null, errorCode: 0 }] }],
  };
  const topics = '00000001' + '0001' + '74' + '00000001' + '00000001' + '0000000000000003' + 'ffff' + '0000';
  assert.equal(encodeWithOurs(offsetFetch, 1, res).toString('hex'), topics);
  assert.equal(encodeWithOurs(offsetFetch, 2, res).toString('hex'), topics + '000e');
  assert.equal(encodeWithOurs(offsetFetch, 3, res).toString('hex'), '00000002' + topics + '000e');
});

for (const version of [1, 3]) {
  test(`an OffsetFetch v${version} request cut short anywhere throws ProtocolDecodeError`, async () => {
    const body = await kafkajsRequestBody('offsetFetch', version, kafkajsFetch);
    for (let cut = 0; cut < body.length; cut++) {
      assert.throws(() => offsetFetch.versions[version].decodeRequest(new Decoder(body.subarray(0, cut))), ProtocolDecodeError, `cut at ${cut}`);
    }
  });
}
