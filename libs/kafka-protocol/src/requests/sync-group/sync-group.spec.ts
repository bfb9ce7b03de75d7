import { test } from 'node:test';
import assert from 'node:assert/strict';
import { syncGroup } from './index';
import { Decoder } from '../../decoder';
import { ProtocolDecodeError } from '../../protocol-decode-error';
import { decodeWithOurs, encodeWithOurs, kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs-judge';

const assignmentA = Buffer.from('0001000000010006', 'hex');
const kafkajsSync = {
  groupId: 'tributary.acme.tax-sink',
  generationId: 4,
  memberId: 'm-1',
  groupInstanceId: 'sink-0',
  groupAssignment: [{ memberId: 'm-1', memberAssignment: assignmentA }, { memberId: 'm-2', memberAssignment: Buffer.alloc(0) }],
};

for (const version of [0, 1, 2, 3]) {
  test(`SyncGroup v${version}: a request kafkajs encodes decodes with ours to the same values`, async () => {
    const body = await kafkajsRequestBody('syncGroup', version, kafkajsSync);
    assert.deepEqual(decodeWithOurs(syncGroup, version, body), {
      groupId: 'tributary.acme.tax-sink',
      generationId: 4,
      memberId: 'm-1',
      groupInstanceId: version >= 3 ? 'sink-0' : null,
      assignments: [{ memberId: 'm-1', assignment: assignmentA }, { memberId: 'm-2', assignment: Buffer.alloc(0) }],
    });
  });

  test(`SyncGroup v${version}: a response we encode decodes with kafkajs to the same values`, async () => {
    const body = encodeWithOurs(syncGroup, version, { throttleTimeMs: 3, errorCode: 27, assignment: assignmentA });
    const decoded = await kafkajsDecodeResponse<{
      errorCode: number; memberAssignment: Buffer; throttleTime?: number; clientSideThrottleTime?: number;
    }>('syncGroup', version, body);
    assert.equal(decoded.errorCode, 27);
    assert.deepEqual(decoded.memberAssignment, assignmentA);
    if (version === 1) assert.equal(decoded.throttleTime, 3);
    if (version >= 2) assert.equal(decoded.clientSideThrottleTime, 3);
  });
}

test('SyncGroup v3 request decodes from a byte-exact fixture', () => {
  const hex = '0001' + '67' + '00000002' + '0001' + '6d' + '0001' + '69' + '00000001' + '0001' + '6d' + '00000001' + 'ff';
  assert.deepEqual(decodeWithOurs(syncGroup, 3, Buffer.from(hex, 'hex')), {
    groupId: 'g', generationId: 2, memberId: 'm', groupInstanceId: 'i', assignments: [{ memberId: 'm', assignment: Buffer.from([0xff]) }],
  });
});

test('SyncGroup v0 and v1 responses are byte-exact', () => {
  const res = { throttleTimeMs: 1, errorCode: 0, assignment: Buffer.from([0xab]) };
  assert.equal(encodeWithOurs(syncGroup, 0, res).toString('hex'), '0000' + '00000001' + 'ab');
  assert.equal(encodeWithOurs(syncGroup, 1, res).toString('hex'), '00000001' + '0000' + '00000001' + 'ab');
});

test('a SyncGroup request cut short anywhere throws ProtocolDecodeError', async () => {
  const body = await kafkajsRequestBody('syncGroup', 3, kafkajsSync);
  for (let cut = 0; cut < body.length; cut++) {
    assert.throws(() => syncGroup.versions[3].decodeRequest(new Decoder(body.subarray(0, cut))), ProtocolDecodeError, `cut at ${cut}`);
  }
});
