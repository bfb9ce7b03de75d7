import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTopics } from './index';
import { Decoder } from '../../decoder';
import { ProtocolDecodeError } from '../../protocol-decode-error';
import { decodeWithOurs, encodeWithOurs, kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs-judge';

const kafkajsTopics = [
  {
    topic: 'orders',
    numPartitions: 3,
    replicationFactor: 1,
    configEntries: [{ name: 'cleanup.policy', value: 'compact' }, { name: 'retention.ms', value: '-1' }],
  },
  { topic: 'manual', replicaAssignment: [{ partition: 0, replicas: [0] }, { partition: 1, replicas: [0, 1] }] },
];

for (const version of [0, 1, 2, 3]) {
  test(`CreateTopics v${version}: a request kafkajs encodes decodes with ours to the same values`, async () => {
    const body = await kafkajsRequestBody('createTopics', version, { topics: kafkajsTopics, validateOnly: true, timeout: 7000 });
    const req = decodeWithOurs(createTopics, version, body);
    assert.equal(req.timeoutMs, 7000);
    assert.equal(req.validateOnly, version >= 1);
    assert.deepEqual(req.topics, [
      {
        name: 'orders',
        numPartitions: 3,
        replicationFactor: 1,
        assignments: [],
        configs: [{ name: 'cleanup.policy', value: 'compact' }, { name: 'retention.ms', value: '-1' }],
      },
      {
        name: 'manual',
        numPartitions: -1,
        replicationFactor: -1,
        assignments: [{ partitionIndex: 0, brokerIds: [0] }, { partitionIndex: 1, brokerIds: [0, 1] }],
        configs: [],
      },
    ]);
  });

  test(`CreateTopics v${version}: a response we encode decodes with kafkajs to the same values`, async () => {
    const body = encodeWithOurs(createTopics, version, {
      throttleTimeMs: 25,
      topics: [
        { name: 'a-topic', errorCode: 0, errorMessage: null },
        { name: 'b-topic', errorCode: 36, errorMessage: "Topic 'b-topic' already exists." },
      ],
    });
    const decoded = await kafkajsDecodeResponse<{
      topicErrors: { topic: string; errorCode: number; errorMessage?: string | null }[];
      throttleTime?: number;
      clientSideThrottleTime?: number;
    }>('createTopics', version, body);
    assert.deepEqual(decoded.topicErrors, [
      { topic: 'a-topic', errorCode: 0, ...(version >= 1 ? { errorMessage: null } : {}) },
      { topic: 'b-topic', errorCode: 36, ...(version >= 1 ? { errorMessage: "Topic 'b-topic' already exists." } : {}) },
    ]);
    if (version === 2) assert.equal(decoded.throttleTime, 25);
    // kafkajs reads v3's throttle as "the broker already answered, throttle yourself" (KIP-219).
    if (version === 3) assert.equal(decoded.clientSideThrottleTime, 25);
  });
}

test('CreateTopics v1 request decodes from a byte-exact fixture', () => {
  const hex =
    '00000001' + // one topic
    '0001' + '74' + // name "t"
    '00000002' + // num_partitions 2
    'ffff' + // replication_factor -1
    '00000001' + '00000000' + '00000001' + '00000000' + // assignments: partition 0 → [0]
    '00000001' + '0002' + '6d78' + 'ffff' + // configs: "mx" → null
    '00001388' + // timeout_ms 5000
    '01'; // validate_only
  const req = decodeWithOurs(createTopics, 1, Buffer.from(hex, 'hex'));
  assert.deepEqual(req, {
    topics: [{
      name: 't',
      numPartitions: 2,
      replicationFactor: -1,
      assignments: [{ partitionIndex: 0, brokerIds: [0] }],
      configs: [{ name: 'mx', value: null }],
    }],
    timeoutMs: 5000,
    validateOnly: true,
  });
});

test('CreateTopics v2 response is byte-exact', () => {
  const body = encodeWithOurs(createTopics, 2, {
    throttleTimeMs: 1,
    topics: [{ name: 't', errorCode: 40, errorMessage: 'bad' }, { name: 'u', errorCode: 0 }],
  });
  assert.equal(body.toString('hex'),
    '00000001' + '00000002' + '0001' + '74' + '0028' + '0003' + '626164' + '0001' + '75' + '0000' + 'ffff');
});

test('CreateTopics v0 response carries no error message and no throttle time', () => {
  const body = encodeWithOurs(createTopics, 0, { topics: [{ name: 't', errorCode: 36, errorMessage: 'ignored' }] });
  assert.equal(body.toString('hex'), '00000001' + '0001' + '74' + '0024');
});

test('a CreateTopics request cut short anywhere throws ProtocolDecodeError', async () => {
  const body = await kafkajsRequestBody('createTopics', 1, { topics: kafkajsTopics, validateOnly: true });
  for (let cut = 0; cut < body.length; cut++) {
    assert.throws(() => createTopics.versions[1].decodeRequest(new Decoder(body.subarray(0, cut))), ProtocolDecodeError, `cut at ${cut}`);
  }
});
