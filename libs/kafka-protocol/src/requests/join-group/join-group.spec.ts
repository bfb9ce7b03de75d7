import { test } from 'node:test';
import assert from 'node:assert/strict';
import { joinGroup } from './index';
import { Decoder } from '../../decoder';
import { ProtocolDecodeError } from '../../protocol-decode-error';
import { decodeWithOurs, encodeWithOurs, kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs-judge';

const subscription = Buffer.from('00010000000100066f7264657273ffffffff', 'hex');
const kafkajsJoin = {
  groupId: 'tributary.acme.validator',
  sessionTimeout: 30000,
  rebalanceTimeout: 60000,
  memberId: '',
  groupInstanceId: 'validator-0',
  protocolType: 'consumer',
  groupProtocols: [{ name: 'RoundRobinAssigner', metadata: subscription }, { name: 'range', metadata: Buffer.alloc(0) }],
};

interface KafkajsJoinGroup {
  errorCode: number;
  generationId: number;
  groupProtocol: string;
  leaderId: string;
  memberId: string;
  members: { memberId: string; groupInstanceId?: string | null; memberMetadata: Buffer }[];
  throttleTime?: number;
  clientSideThrottleTime?: number;
}

for (const version of [0, 1, 2, 3, 4, 5]) {
  test(`JoinGroup v${version}: a request kafkajs encodes decodes with ours to the same values`, async () => {
    const body = await kafkajsRequestBody('joinGroup', version, kafkajsJoin);
    assert.deepEqual(decodeWithOurs(joinGroup, version, body), {
      groupId: 'tributary.acme.validator',
      sessionTimeoutMs: 30000,
      rebalanceTimeoutMs: version >= 1 ? 60000 : 30000,
      memberId: '',
      groupInstanceId: version >= 5 ? 'validator-0' : null,
      protocolType: 'consumer',
      protocols: [{ name: 'RoundRobinAssigner', metadata: subscription }, { name: 'range', metadata: Buffer.alloc(0) }],
    });
  });

  test(`JoinGroup v${version}: a response we encode decodes with kafkajs to the same values`, async () => {
    const body = encodeWithOurs(joinGroup, version, {
      throttleTimeMs: 7,
      errorCode: 0,
      generationId: 3,
      protocolName: 'RoundRobinAssigner',
      leader: 'm-1',
      memberId: 'm-2',
      members: [
        { memberId: 'm-1', groupInstanceId: 'validator-0', metadata: subscription },
        { memberId: 'm-2', groupInstanceId: null, metadata: Buffer.from([1]) },
      ],
    });
    const decoded = await kafkajsDecodeResponse<KafkajsJoinGroup>('joinGroup', version, body);
    assert.equal(decoded.errorCode, 0);
    assert.equal(decoded.generationId, 3);
    assert.equal(decoded.groupProtocol, 'RoundRobinAssigner');
    assert.equal(decoded.leaderId, 'm-1');
    assert.equal(decoded.memberId, 'm-2');
    assert.deepEqual(decoded.members, [
      { memberId: 'm-1', ...(version >= 5 ? { groupInstanceId: 'validator-0' } : {}), memberMetadata: subscription },
      { memberId: 'm-2', ...(version >= 5 ? { groupInstanceId: null } : {}), memberMetadata: Buffer.from([1]) },
    ]);
    if (version === 2) assert.equal(decoded.throttleTime, 7);
    if (version >= 3) assert.equal(decoded.clientSideThrottleTime, 7);
  });
}

test('JoinGroup v5 request decodes from a byte-exact fixture', () => {
  const hex =
    '0001' + '67' + // group_id "g"
    '00002710' + '0000ea60' + // session 10000, rebalance 60000
    '0000' + // member_id ""
    'ffff' + // group_instance_id null
    '0008' + Buffer.from('consumer').toString('hex') +
    '00000001' + '0005' + Buffer.from('range').toString('hex') + '00000002' + 'abcd';
  assert.deepEqual(decodeWithOurs(joinGroup, 5, Buffer.from(hex, 'hex')), {
    groupId: 'g',
    sessionTimeoutMs: 10000,
    rebalanceTimeoutMs: 60000,
    memberId: '',
    groupInstanceId: null,
    protocolType: 'consumer',
    protocols: [{ name: 'range', metadata: Buffer.from('abcd', 'hex') }],
  });
});

test('JoinGroup v4 response answering MEMBER_ID_REQUIRED is byte-exact', () => {
  const body = encodeWithOurs(joinGroup, 4, {
    errorCode: 79, generationId: -1, protocolName: '', leader: '', memberId: 'm', members: [],
  });
  assert.equal(body.toString('hex'), '00000000' + '004f' + 'ffffffff' + '0000' + '0000' + '0001' + '6d' + '00000000');
});

test('JoinGroup v5 response writes each member\'s group instance id between its id and metadata', () => {
  const body = encodeWithOurs(joinGroup, 5, {
    errorCode: 0, generationId: 1, protocolName: 'p', leader: 'a', memberId: 'a',
    members: [{ memberId: 'a', groupInstanceId: 'i', metadata: Buffer.from([9]) }],
  });
  assert.equal(body.toString('hex'),
    '00000000' + '0000' + '00000001' + '000170' + '000161' + '000161' + '00000001' + '000161' + '000169' + '0000000109');
});

test('a JoinGroup request cut short anywhere throws ProtocolDecodeError', async () => {
  const body = await kafkajsRequestBody('joinGroup', 5, kafkajsJoin);
  for (let cut = 0; cut < body.length; cut++) {
    assert.throws(() => joinGroup.versions[5].decodeRequest(new Decoder(body.subarray(0, cut))), ProtocolDecodeError, `cut at ${cut}`);
  }
});
