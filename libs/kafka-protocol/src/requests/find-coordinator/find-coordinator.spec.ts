import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findCoordinator } from './index';
import { Decoder } from '../../decoder';
import { ProtocolDecodeError } from '../../protocol-decode-error';
import { decodeWithOurs, encodeWithOurs, kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs-judge';

interface KafkajsFindCoordinator {
  errorCode: number;
  errorMessage?: string | null;
  coordinator: { nodeId: number; host: string; port: number };
  throttleTime?: number;
  clientSideThrottleTime?: number;
}

test('FindCoordinator v0: a request kafkajs encodes decodes with ours as a group lookup', async () => {
  const body = await kafkajsRequestBody('findCoordinator', 0, { groupId: 'tributary.acme.transformer' });
  assert.deepEqual(decodeWithOurs(findCoordinator, 0, body), { key: 'tributary.acme.transformer', keyType: 0 });
});

for (const version of [1, 2]) {
  test(`FindCoordinator v${version}: a request kafkajs encodes decodes with ours to the same key and key type`, async () => {
    const body = await kafkajsRequestBody('findCoordinator', version, { coordinatorKey: 'tx-1', coordinatorType: 1 });
    assert.deepEqual(decodeWithOurs(findCoordinator, version, body), { key: 'tx-1', keyType: 1 });
  });
}

for (const version of [0, 1, 2]) {
  test(`FindCoordinator v${version}: a response we encode decodes with kafkajs to the same values`, async () => {
    const body = encodeWithOurs(findCoordinator, version, {
      throttleTimeMs: 12, errorCode: 0, errorMessage: 'fine', nodeId: 0, host: 'localhost', port: 9092,
    });
    const decoded = await kafkajsDecodeResponse<KafkajsFindCoordinator>('findCoordinator', version, body);
    assert.equal(decoded.errorCode, 0);
    assert.deepEqual(decoded.coordinator, { nodeId: 0, host: 'localhost', port: 9092 });
    if (version >= 1) assert.equal(decoded.errorMessage, 'fine');
    if (version === 1) assert.equal(decoded.throttleTime, 12);
    if (version === 2) assert.equal(decoded.clientSideThrottleTime, 12);
  });
}

test('FindCoordinator v1 request decodes from a byte-exact fixture', () => {
  const hex = '0002' + '6731' + '00'; // key "g1", key_type GROUP
  assert.deepEqual(decodeWithOurs(findCoordinator, 1, Buffer.from(hex, 'hex')), { key: 'g1', keyType: 0 });
});

test('FindCoordinator v0 response is byte-exact and carries neither throttle time nor message', () => {
  const body = encodeWithOurs(findCoordinator, 0, { errorCode: 15, errorMessage: 'ignored', nodeId: -1, host: '', port: -1 });
  assert.equal(body.toString('hex'), '000f' + 'ffffffff' + '0000' + 'ffffffff');
});

test('FindCoordinator v2 response is byte-exact, with a null error message when none is given', () => {
  const body = encodeWithOurs(findCoordinator, 2, { errorCode: 0, nodeId: 1, host: 'h', port: 9092 });
  assert.equal(body.toString('hex'), '00000000' + '0000' + 'ffff' + '00000001' + '0001' + '68' + '00002384');
});

test('a FindCoordinator request cut short anywhere throws ProtocolDecodeError', async () => {
  const body = await kafkajsRequestBody('findCoordinator', 1, { coordinatorKey: 'group', coordinatorType: 0 });
  for (let cut = 0; cut < body.length; cut++) {
    assert.throws(() => findCoordinator.versions[1].decodeRequest(new Decoder(body.subarray(0, cut))), ProtocolDecodeError, `cut at ${cut}`);
  }
});
