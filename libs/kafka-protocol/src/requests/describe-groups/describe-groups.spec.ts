import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeGroups } from './index';
import { Decoder } from '../../decoder';
import { ProtocolDecodeError } from '../../protocol-decode-error';
import { decodeWithOurs, encodeWithOurs, kafkajsDecodeResponse, kafkajsRequestBody } from '../../testing/kafkajs-judge';

const metadata = Buffer.from('000000000001', 'hex');
const assignment = Buffer.from('0000000000010001', 'hex');

for (const version of [0, 1, 2]) {
  test(`DescribeGroups v${version}: a request kafkajs encodes decodes with ours to the same group ids`, async () => {
    const body = await kafkajsRequestBody('describeGroups', version, { groupIds: ['tributary.acme.mapper', 'other'] });
    assert.deepEqual(decodeWithOurs(describeGroups, version, body), { groups: ['tributary.acme.mapper', 'other'] });
  });

  test(`DescribeGroups v${version}: a response we encode decodes with kafkajs to the same values`, async () => {
    const body = encodeWithOurs(describeGroups, version, {
      throttleTimeMs: 5,
      groups: [
        {
          errorCode: 0, groupId: 'g', groupState: 'Stable', protocolType: 'consumer', protocolData: 'RoundRobinAssigner',
          members: [{ memberId: 'm-1', clientId: 'tributary', clientHost: '/127.0.0.1', memberMetadata: metadata, memberAssignment: assignment }],
        },
        { errorCode: 0, groupId: 'gone', groupState: 'Dead', protocolType: '', protocolData: '', members: [] },
      ],
    });
    const decoded = await kafkajsDecodeResponse<{ groups: unknown[]; throttleTime?: number; clientSideThrottleTime?: number }>(
      'describeGroups', version, body);
    assert.deepEqual(decoded.groups, [
      {
        errorCode: 0, groupId: 'g', state: 'Stable', protocolType: 'consumer', protocol: 'RoundRobinAssigner',
        members: [{ memberId: 'm-1', clientId: 'tributary', clientHost: '/127.0.0.1', memberMetadata: metadata, memberAssignment: assignment }],
      },
      { errorCode: 0, groupId: 'gone', state: 'Dead', protocolType: '', protocol: '', members: [] },
    ]);
    if (version === 1) assert.equal(decoded.throttleTime, 5);
    if (version === 2) assert.equal(decoded.clientSideThrottleTime, 5);
  });
}

test('DescribeGroups v0 request decodes from a byte-exact fixture', () => {
  assert.deepEqual(decodeWithOurs(describeGroups, 0, Buffer.from('00000001' + '0001' + '67', 'hex')), { groups: ['g'] });
});

test('DescribeGroups v1 response is byte-exact', () => {
  const body = encodeWithOurs(describeGroups, 1, {
    groups: [{
      errorCode: 16, groupId: 'g', groupState: 'S', protocolType: 'c', protocolData: 'p',
      members: [{ memberId: 'm', clientId: 'i', clientHost: 'h', memberMetadata: Buffer.from([1]), memberAssignment: Buffer.alloc(0) }],
    }],
  });
  assert.equal(body.toString('hex'),
    '00000000' + '00000001' + '0010' + '000167' + '000153' + '000163' + '000170' +
    '00000001' + '00016d' + '000169' + '000168' + '0000000101' + '00000000');
});

test('a DescribeGroups request cut short anywhere throws ProtocolDecodeError', async () => {
  const body = await kafkajsRequestBody('describeGroups', 2, { groupIds: ['a', 'bc'] });
  for (let cut = 0; cut < body.length; cut++) {
    assert.throws(() => describeGroups.versions[2].decodeRequest(new Decoder(body.subarray(0, cut))), ProtocolDecodeError, `cut at ${cut}`);
  }
});
