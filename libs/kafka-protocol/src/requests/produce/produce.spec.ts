import { test } from 'node:test';
import assert from 'node:assert/strict';
import { produce, type ProduceResponse } from './index';
import { ProtocolDecodeError } from '../../protocol-decode-error';
import { decodeRecords, splitBatches } from '../../record-batch';
import { decodeWithOurs, encodeWithOurs, kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs-judge';

const topicData = [
  {
    topic: 'tributary.acme.orders.raw',
    partitions: [
      { partition: 0, firstSequence: 0, messages: [
        { key: 'o-1', value: 'first', timestamp: 1_700_000_000_000, headers: { 'tributary-tenant': 'acme' } },
        { key: 'o-2', value: 'second', timestamp: 1_700_000_000_001 },
      ] },
      { partition: 2, firstSequence: 0, messages: [{ key: null, value: 'third', timestamp: 1_700_000_000_002 }] },
    ],
  },
  { topic: 'other', partitions: [{ partition: 1, firstSequence: 0, messages: [{ key: 'k', value: 'v', timestamp: 1_700_000_000_003 }] }] },
];

const response: ProduceResponse = {
  topics: [
    { name: 'tributary.acme.orders.raw', partitions: [
      { partitionIndex: 0, errorCode: 0, baseOffset: 2 ** 33 + 1, logAppendTimeMs: 1_700_000_000_500, logStartOffset: 12 },
      { partitionIndex: 2, errorCode: 6, baseOffset: -1 },
    ] },
  ],
  throttleTimeMs: 7,
};

for (const version of [3, 4, 5, 6, 7]) {
  test(`Produce v${version}: a kafkajs request decodes with ours to the topics, partitions and records it carries`, async () => {
    const transactionalId = version === 4 ? 'tx-orders' : null;
    const body = await kafkajsRequestBody('produce', version, { acks: -1, timeout: 30000, topicData, transactionalId });
    const req = decodeWithOurs(produce, version, body);
    assert.equal(req.transactionalId, transactionalId);
    assert.equal(req.acks, -1);
    assert.equal(req.timeoutMs, 30000);
    assert.deepEqual(req.topics.map((t) => [t.name, t.partitions.map((p) => p.partitionIndex)]), [
      ['tributary.acme.orders.raw', [0, 2]],
      ['other', [1]],
    ]);
    const first = req.topics[0].partitions[0].records;
    assert.ok(first);
    const [batch] = splitBatches(first);
    assert.equal(batch.header.isTransactional, transactionalId !== null);
    assert.deepEqual(decodeRecords(batch.bytes).map((r) => [r.offset, r.timestamp, String(r.key), String(r.value)]), [
      [0, 1_700_000_000_000, 'o-1', 'first'],
      [1, 1_700_000_000_001, 'o-2', 'second'],
    ]);
    assert.deepEqual(decodeRecords(batch.bytes)[0].headers, [{ key: 'tributary-tenant', value: Buffer.from('acme') }]);
  });

  test(`Produce v${version}: our response decodes in kafkajs to the same values`, async () => {
    const decoded = await kafkajsDecodeResponse<{
      topics: { topicName: string; partitions: Record<string, unknown>[] }[];
      throttleTime: number;
      clientSideThrottleTime?: number;
    }>('produce', version, encodeWithOurs(produce, version, response));
    const withLogStart = version >= 5;
    assert.deepEqual(decoded.topics, [
      { topicName: 'tributary.acme.orders.raw', partitions: [
        { partition: 0, errorCode: 0, baseOffset: String(2 ** 33 + 1), logAppendTime: '1700000000500', ...(withLogStart && { logStartOffset: '12' }) },
        { partition: 2, errorCode: 6, baseOffset: '-1', logAppendTime: '-1', ...(withLogStart && { logStartOffset: '-1' }) },
      ] },
    ]);
    // From v6 kafkajs reads throttle_time_ms as client-side throttling (KIP-219).
    assert.equal(version >= 6 ? decoded.clientSideThrottleTime : decoded.throttleTime, 7);
  });

  test(`Produce v${version}: every truncation of a request throws ProtocolDecodeError`, async () => {
    const body = await kafkajsRequestBody('produce', version, { acks: 1, timeout: 100, topicData, transactionalId: 'tx' });
    for (let len = 0; len < body.length; len++) {
      assert.throws(() => decodeWithOurs(produce, version, body.subarray(0, len)), ProtocolDecodeError);
    }
  });
}

test('Produce v5 response is byte-exact', () => {
  const body = encodeWithOurs(produce, 5, {
    topics: [{ name: 't', partitions: [{ partitionIndex: 0, errorCode: 0, baseOffset: 5, logStartOffset: 0 }] }],
  });
  assert.equal(
    body.toString('hex'),
    '00000001' + '0001' + '74' + '00000001' + '00000000' + '0000' + '0000000000000005' + 'ffffffffffffffff' + '0000000000000000' + '00000000',
  );
});

test('Produce v3 response is byte-exact (no log_start_offset)', () => {
  const body = encodeWithOurs(produce, 3, {
    topics: [{ name: 't', partitions: [{ partitionIndex: 1, errorCode: 3, baseOffset: -1 }] }],
    throttleTimeMs: 1,
  });
  assert.equal(body.toString('hex'), '00000001' + '0001' + '74' + '00000001' + '00000001' + '0003' + 'ff'.repeat(8) + 'ff'.repeat(8) + '00000001');
});

test('Produce v3 request with null records decodes them as null', () => {
  const body = Buffer.from('ffff' + 'ffff' + '000003e8' + '00000001' + '0001' + '74' + '00000001' + '00000000' + 'ffffffff', 'hex');
  assert.deepEqual(decodeWithOurs(produce, 3, body), {
    transactionalId: null, acks: -1, timeoutMs: 1000, topics: [{ name: 't', partitions: [{ partitionIndex: 0, records: null }] }],
  });
});
