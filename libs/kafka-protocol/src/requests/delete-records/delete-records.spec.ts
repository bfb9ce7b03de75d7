import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deleteRecords } from './index';
import { Decoder } from '../../decoder';
import { ProtocolDecodeError } from '../../protocol-decode-error';
import { decodeWithOurs, encodeWithOurs, kafkajsRequestBody } from '../../testing/kafkajs-judge';

interface KafkajsDeleteRecords { throttleTime: number; clientSideThrottleTime?: number; topics: unknown[] }

/** kafkajs's DeleteRecords response module is a factory over the requested topics, unlike the others. */
function kafkajsDecode(version: number, body: Buffer): Promise<KafkajsDeleteRecords> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const responseFor = require(`kafkajs/src/protocol/requests/deleteRecords/v${version}/response`) as (
    a: { topics: unknown[] }) => { decode(b: Buffer): Promise<KafkajsDeleteRecords> };
  return responseFor({ topics: [] }).decode(body);
}

for (const version of [0, 1]) {
  test(`DeleteRecords v${version}: a request kafkajs encodes decodes with ours to the same values`, async () => {
    const body = await kafkajsRequestBody('deleteRecords', version, {
      topics: [{ topic: 'orders', partitions: [{ partition: 0, offset: '7' }, { partition: 2, offset: '-1' }] }],
      timeout: 1500,
    });
    assert.deepEqual(decodeWithOurs(deleteRecords, version, body), {
      topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, offset: 7 }, { partitionIndex: 2, offset: -1 }] }],
      timeoutMs: 1500,
    });
  });

  test(`DeleteRecords v${version}: a response we encode decodes with kafkajs to the same values`, async () => {
    const body = encodeWithOurs(deleteRecords, version, {
      throttleTimeMs: 6,
      topics: [{ name: 'orders', partitions: [
        { partitionIndex: 0, lowWatermark: 2 ** 40 + 7, errorCode: 0 },
        { partitionIndex: 1, lowWatermark: -1, errorCode: 1 },
      ] }],
    });
    const decoded = await kafkajsDecode(version, body);
    assert.equal(version === 0 ? decoded.throttleTime : decoded.clientSideThrottleTime, 6);
    // kafkajs reads INT64 as a BigInt.
    assert.deepEqual(decoded.topics, [{ topic: 'orders', partitions: [
      { partition: 0, lowWatermark: 2n ** 40n + 7n, errorCode: 0 },
      { partition: 1, lowWatermark: -1n, errorCode: 1 },
    ] }]);
  });
}

test('DeleteRecords v0 request decodes from a byte-exact fixture', () => {
  const hex = '00000001' + '0001' + '74' + '00000001' + '00000003' + '0000000100000000' + '000003e8';
  assert.deepEqual(decodeWithOurs(deleteRecords, 0, Buffer.from(hex, 'hex')), {
    topics: [{ name: 't', partitions: [{ partitionIndex: 3, offset: 2 ** 32 }] }],
    timeoutMs: 1000,
  });
});

test('DeleteRecords v1 response is byte-exact', () => {
  const body = encodeWithOurs(deleteRecords, 1, { topics: [{ name: 't', partitions: [{ partitionIndex: 0, lowWatermark: -1, errorCode: 3 }] }] });
  assert.equal(body.toString('hex'), '00000000' + '00000001' + '0001' + '74' + '00000001' + '00000000' + 'ffffffffffffffff' + '0003');
});

test('a DeleteRecords request cut short anywhere throws ProtocolDecodeError', async () => {
  const body = await kafkajsRequestBody('deleteRecords', 1, { topics: [{ topic: 'o', partitions: [{ partition: 0, offset: '5' }] }] });
  for (let cut = 0; cut < body.length; cut++) {
    assert.throws(() => deleteRecords.versions[1].decodeRequest(new Decoder(body.subarray(0, cut))), ProtocolDecodeError, `cut at ${cut}`);
  }
});
