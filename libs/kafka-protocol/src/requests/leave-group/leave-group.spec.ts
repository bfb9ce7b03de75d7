import { test } from 'node:test';
import assert from 'node:assert/strict';
import { leaveGroup } from './index';
import { Decoder } from '../../decoder';
import { ProtocolDecodeError } from '../../protocol-decode-error';
import { decodeWithOurs, encodeWithOurs, kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs-judge';

interface KafkajsLeaveGroup {
  errorCode: number;
  throttleTime?: number;
  clientSideThrottleTime?: number;
  members?: { memberId: string; groupInstanceId: string | null; errorCode: number }[];
}

for (const version of [0, 1, 2]) {
  test(`LeaveGroup v${version}: a request kafkajs encodes decodes with ours as a batch of one member`, async () => {
    const body = await kafkajsRequestBody('leaveGroup', version, { groupId: 'tributary.acme.mapper', memberId: 'm-1' });
    assert.deepEqual(decodeWithOurs(leaveGroup, version, body), {
      groupId: 'tributary.acme.mapper', members: [{ memberId: 'm-1', groupInstanceId: null }],
    });
  });

  test(`LeaveGroup v${version}: a response we encode decodes with kafkajs, a member's error standing in for the group's`, async () => {
    const body = encodeWithOurs(leaveGroup, version, {
      throttleTimeMs: 2, errorCode: 0, members: [{ memberId: 'm-1', groupInstanceId: null, errorCode: 25 }],
    });
    const decoded = await kafkajsDecodeResponse<KafkajsLeaveGroup>('leaveGroup', version, body);
    assert.equal(decoded.errorCode, 25);
    if (version === 1) assert.equal(decoded.throttleTime, 2);
    if (version === 2) assert.equal(decoded.clientSideThrottleTime, 2);
  });
}

test('LeaveGroup v3: a request kafkajs encodes decodes with ours to the same members', async () => {
  const body = await kafkajsRequestBody('leaveGroup', 3, {
    groupId: 'g', members: [{ memberId: 'm-1', groupInstanceId: 'static-1' }, { memberId: 'm-2' }],
  });
  assert.deepEqual(decodeWithOurs(leaveGroup, 3, body), {
    groupId: 'g', members: [{ memberId: 'm-1', groupInstanceId: 'static-1' }, { memberId: 'm-2', groupInstanceId: null }],
  });
});

test('LeaveGroup v3: a response we encode decodes with kafkajs with an error per member', async () => {
  const members = [{ memberId: 'm-1', groupInstanceId: 'static-1', errorCode: 0 }, { memberId: 'm-2', groupInstanceId: null, errorCode: 25 }];
  const body = encodeWithOurs(leaveGroup, 3, { throttleTimeMs: 6, errorCode: 0, members });
  const decoded = await kafkajsDecodeResponse<KafkajsLeaveGroup>('leaveGroup', 3, body);
  assert.equal(decoded.errorCode, 0);
  assert.equal(decoded.clientSideThrottleTime, 6);
  assert.deepEqual(decoded.members, members);
});

test('LeaveGroup v3 request decodes from a byte-exact fixture', () => {
  const hex = '0001' + '67' + '00000002' + '0001' + '61' + 'ffff' + '0001' + '62' + '0001' + '73';
  assert.deepEqual(decodeWithOurs(leaveGroup, 3, Buffer.from(hex, 'hex')), {
    groupId: 'g', members: [{ memberId: 'a', groupInstanceId: null }, { memberId: 'b', groupInstanceId: 's' }],
  });
});

test('LeaveGroup responses are byte-exact: v1 folds the member error, v3 keeps it per member', () => {
  const res = { throttleTimeMs: 0, errorCode: 0, members: [{ memberId: 'a', groupInstanceId: null, errorCode: 25 }] };
  assert.equal(encodeWithOurs(leaveGroup, 1, res).toString('hex'), '00000000' + '0019');
  assert.equal(encodeWithOurs(leaveGroup, 3, res).toString('hex'), '00000000' + '0000' + '00000001' + '000161' + 'ffff' + '0019');
});

test('a LeaveGroup v0 response keeps a group error over member errors, and is NONE without members', () => {
  assert.equal(encodeWithOurs(leaveGroup, 0, {
    errorCode: 16, members: [{ memberId: 'a', groupInstanceId: null, errorCode: 25 }],
  }).toString('hex'), '0010');
  assert.equal(encodeWithOurs(leaveGroup, 0, { errorCode: 0 }).toString('hex'), '0000');
});

for (const version of [0, 3]) {
  test(`a LeaveGroup v${version} request cut short anywhere throws ProtocolDecodeError`, async () => {
    const body = await kafkajsRequestBody('leaveGroup', version, {
      groupId: 'group', memberId: 'member', members: [{ memberId: 'member', groupInstanceId: 'i' }],
    });
    for (let cut = 0; cut < body.length; cut++) {
      assert.throws(() => leaveGroup.versions[version].decodeRequest(new Decoder(body.subarray(0, cut))), ProtocolDecodeError, `cut at ${cut}`);
    }
  });
}
