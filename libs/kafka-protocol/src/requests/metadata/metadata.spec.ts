import { test } from 'node:test';
import assert from 'node:assert/strict';
import { metadata, type MetadataResponse } from './index';
import { ProtocolDecodeError } from '../../protocol-decode-error';
import { decodeWithOurs, encodeWithOurs, kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs-judge';

const versions = [0, 1, 2, 3, 4, 5, 6];
const topics = ['tributary.acme.orders.raw', '_tributary.runs'];

const response: MetadataResponse = {
  throttleTimeMs: 4,
  brokers: [{ nodeId: 1, host: 'localhost', port: 19092, rack: 'rack-a' }, { nodeId: 2, host: 'b2', port: 9092, rack: null }],
  clusterId: 'tributary-embedded',
  controllerId: 1,
  topics: [
    { errorCode: 0, name: 'tributary.acme.orders.raw', isInternal: false, partitions: [
      { errorCode: 0, partitionIndex: 0, leaderId: 1, replicaNodes: [1], isrNodes: [1], offlineReplicas: [] },
      { errorCode: 5, partitionIndex: 1, leaderId: -1, replicaNodes: [1, 2], isrNodes: [], offlineReplicas: [2] },
    ] },
    { errorCode: 3, name: 'missing', isInternal: true, partitions: [] },
  ],
};

interface KafkajsMetadata {
  throttleTime?: number; clientSideThrottleTime?: number; clusterId?: string; controllerId?: number;
  brokers: Record<string, unknown>[];
  topicMetadata: { topicErrorCode: number; topic: string; isInternal?: boolean; partitionMetadata: Record<string, unknown>[] }[];
}

for (const version of versions) {
  test(`Metadata v${version}: a kafkajs request for named topics decodes with ours`, async () => {
    const body = await kafkajsRequestBody('metadata', version, { topics, allowAutoTopicCreation: false });
    assert.deepEqual(decodeWithOurs(metadata, version, body), { topics, ...(version >= 4 && { allowAutoTopicCreation: false }) });
  });

  test(`Metadata v${version}: a kafkajs request for all topics decodes as topics null`, async () => {
    const body = await kafkajsRequestBody('metadata', version, { topics: [], allowAutoTopicCreation: true });
    assert.deepEqual(decodeWithOurs(metadata, version, body), { topics: null, ...(version >= 4 && { allowAutoTopicCreation: true }) });
  });

  test(`Metadata v${version}: our response decodes in kafkajs to the same values`, async () => {
    const decoded = await kafkajsDecodeResponse<KafkajsMetadata>('metadata', version, encodeWithOurs(metadata, version, response));
    assert.deepEqual(decoded.brokers, response.brokers.map((b) => ({
      nodeId: b.nodeId, host: b.host, port: b.port, ...(version >= 1 && { rack: b.rack }),
    })));
    assert.deepEqual(decoded.topicMetadata, response.topics.map((t) => ({
      topicErrorCode: t.errorCode,
      topic: t.name,
      ...(version >= 1 && { isInternal: t.isInternal }),
      partitionMetadata: t.partitions.map((p) => ({
        partitionErrorCode: p.errorCode, partitionId: p.partitionIndex, leader: p.leaderId, replicas: p.replicaNodes, isr: p.isrNodes,
        ...(version >= 5 && { offlineReplicas: p.offlineReplicas }),
      })),
    })));
    assert.equal(decoded.controllerId, version >= 1 ? 1 : undefined);
    assert.equal(decoded.clusterId, version >= 2 ? 'tributary-embedded' : undefined);
    if (version >= 3) assert.equal(version >= 6 ? decoded.clientSideThrottleTime : decoded.throttleTime, 4);
  });

  test(`Metadata v${version}: every truncation of a request throws ProtocolDecodeError`, async () => {
    const body = await kafkajsRequestBody('metadata', version, { topics, allowAutoTopicCreation: true });
    for (let len = 0; len < body.length; len++) {
      assert.throws(() => decodeWithOurs(metadata, version, body.subarray(0, len)), ProtocolDecodeError);
    }
  });
}

test('Metadata v1 request with an empty array asks for no topics, unlike v0', () => {
  assert.deepEqual(decodeWithOurs(metadata, 1, Buffer.from('00000000', 'hex')), { topics: [] });
  assert.deepEqual(decodeWithOurs(metadata, 0, Buffer.from('00000000', 'hex')), { topics: null });
});

test('Metadata v0 response is byte-exact', () => {
  const body = encodeWithOurs(metadata, 0, { brokers: [{ nodeId: 0, host: 'h', port: 9092 }], topics: [] });
  assert.equal(body.toString('hex'), '00000001' + '00000000' + '0001' + '68' + '00002384' + '00000000');
});

test('Metadata v5 response is byte-exact', () => {
  const body = encodeWithOurs(metadata, 5, {
    brokers: [{ nodeId: 0, host: 'h', port: 9092 }],
    clusterId: null,
    controllerId: 0,
    topics: [{ errorCode: 0, name: 't', partitions: [{ errorCode: 0, partitionIndex: 0, leaderId: 0, replicaNodes: [0], isrNodes: [0] }] }],
  });
  assert.equal(body.toString('hex'),
    '00000000' + // throttle_time_ms
    '00000001' + '00000000' + '0001' + '68' + '00002384' + 'ffff' + // brokers, rack null
    'ffff' + '00000000' + // cluster_id null, controller_id 0
    '00000001' + '0000' + '0001' + '74' + '00' + // topic t, not internal
    '00000001' + '0000' + '00000000' + '00000000' + '00000001' + '00000000' + '00000001' + '00000000' + '00000000');
});
