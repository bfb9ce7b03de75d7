import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EMPTY_BYTES, type Member } from './member';
import { selectProtocol, supportsProtocols } from './protocol-selection';

function member(memberId: string, ...protocols: string[]): Member {
  return {
    memberId, groupInstanceId: null, clientId: memberId, clientHost: '', rebalanceTimeoutMs: 1, sessionTimeoutMs: 1,
    protocolType: 'consumer', protocols: protocols.map((name) => ({ name, metadata: EMPTY_BYTES })),
    assignment: EMPTY_BYTES, awaitingJoin: false, awaitingSync: false,
  };
}

describe('protocol selection', () => {
  test('each member votes for its favourite protocol that all support, and the most votes win', () => {
    const members = [member('a', 'sticky', 'range', 'roundrobin'), member('b', 'roundrobin', 'range'), member('c', 'roundrobin', 'range')];
    assert.equal(selectProtocol(members), 'roundrobin');
  });

  test('a tie goes to the first member’s preference', () => {
    assert.equal(selectProtocol([member('a', 'range', 'roundrobin'), member('b', 'roundrobin', 'range')]), 'range');
  });

  test('no protocol common to all selects none', () => {
    assert.equal(selectProtocol([member('a', 'range'), member('b', 'roundrobin')]), null);
  });

  test('an empty group takes any non-empty protocol type and list; otherwise type and a common protocol must fit', () => {
    const group = { protocolType: 'consumer', members: new Map([['a', member('a', 'range', 'roundrobin')]]) };
    assert.equal(supportsProtocols(undefined, 'consumer', ['anything']), true);
    assert.equal(supportsProtocols(undefined, '', ['range']), false);
    assert.equal(supportsProtocols(undefined, 'consumer', []), false);
    assert.equal(supportsProtocols(group, 'consumer', ['sticky', 'roundrobin']), true);
    assert.equal(supportsProtocols(group, 'consumer', ['sticky']), false);
    assert.equal(supportsProtocols(group, 'connect', ['range']), false);
  });
});
