/**
 * A kafkajs consumer group of three over six partitions: every partition is owned exactly
 * once; when a member leaves, or dies without leaving and is expelled by its session timeout,
 * the others take its partitions over and no record is lost (at-least-once overall).
 *
 * The member that dies runs in a child process that is SIGKILLed: its heartbeats stop and its
 * sockets close without a LeaveGroup, which is how a crashed consumer looks to Kafka.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { AssignerProtocol, type Admin, type Consumer, type Kafka } from 'kafkajs';
import { BrokerProcess } from '@tributary/testing';
import { connectedConsumer, connectedProducer, createTopic, kafkaFor, waitUntil } from './kafkajs-client';

const PARTITIONS = 6;
const ALL_PARTITIONS = Array.from({ length: PARTITIONS }, (_, i) => i);
let broker: BrokerProcess;
let kafka: Kafka;
let admin: Admin;
const cleanups: Array<() => Promise<void> | void> = [];

before(async () => {
  broker = await BrokerProcess.start();
  kafka = kafkaFor(broker.address);
  admin = kafka.admin();
  await admin.connect();
});
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await admin.disconnect();
  await broker.dispose();
});

/** Values every member of a test received, all together (duplicates allowed: at-least-once). */
class Received {
  readonly values = new Set<string>();
  add(value: string): void {
    this.values.add(value);
  }
  missing(sent: readonly string[]): string[] {
    return sent.filter((v) => !this.values.has(v));
  }
}

/** What each in-process member was last told it owns (kafkajs's GROUP_JOIN, after SyncGroup). */
const toldAssignments = new Map<string, number[]>();

async function member(groupId: string, topic: string, received: Received): Promise<Consumer> {
  const consumer = await connectedConsumer(kafka, groupId);
  cleanups.push(() => consumer.disconnect());
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) =>
    toldAssignments.set(payload.memberId, [...(payload.memberAssignment[topic] ?? [])].sort((a, b) => a - b)));
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => received.add(message.value!.toString()) });
  return consumer;
}

/** A kafkajs member in a child process, reporting each record before kafkajs may commit it. */
function childMember(groupId: string, topic: string, received: Received): { child: ChildProcess; memberId: Promise<string> } {
  const source = `
    const { Kafka, logLevel } = require('kafkajs');
    const { BROKER, GROUP, TOPIC } = process.env;
    const kafka = new Kafka({ brokers: [BROKER], clientId: 'doomed-member', logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: GROUP, sessionTimeout: 6000, heartbeatInterval: 500, maxWaitTimeInMs: 200 });
    consumer.on(consumer.events.GROUP_JOIN, (e) => process.send({ memberId: e.payload.memberId }));
    (async () => {
      await consumer.connect();
      await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
      await consumer.run({ eachMessage: ({ message }) => new Promise((done) => process.send({ value: message.value.toString() }, done)) });
    })().catch((err) => { console.error(err); process.exit(1); });`;
  const child = spawn(process.execPath, ['-e', source], {
    cwd: join(__dirname, '..', '..', '..', '..'), env: { ...process.env, BROKER: broker.address, GROUP: groupId, TOPIC: topic },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  cleanups.push(() => void (child.exitCode === null && child.signalCode === null && child.kill('SIGKILL')));
  const memberId = new Promise<string>((resolve) => {
    child.on('message', (m: { memberId?: string; value?: string }) => {
      if (m.value !== undefined) received.add(m.value);
      if (m.memberId !== undefined) resolve(m.memberId);
    });
  });
  return { child, memberId };
}

/** The broker's view: member id to the partitions of `topic` its assignment holds. */
async function assignments(groupId: string, topic: string): Promise<{ state: string; byMember: Map<string, number[]> }> {
  const { groups } = await admin.describeGroups([groupId]);
  const byMember = new Map<string, number[]>();
  for (const m of groups[0].members) {
    const decoded = AssignerProtocol.MemberAssignment.decode(m.memberAssignment);
    byMember.set(m.memberId, [...(decoded?.assignment[topic] ?? [])].sort((a, b) => a - b));
  }
  return { state: groups[0].state, byMember };
}

/** Waits until the group is Stable with exactly `members` members that own every partition once. */
async function settledAssignment(groupId: string, topic: string, members: number): Promise<Map<string, number[]>> {
  let last = new Map<string, number[]>();
  await waitUntil(async () => {
    const { state, byMember } = await assignments(groupId, topic);
    last = byMember;
    const owned = [...byMember.values()].flat().sort((a, b) => a - b);
    return state === 'Stable' && byMember.size === members && owned.join() === ALL_PARTITIONS.join();
  }, `${members} members of ${groupId} own all ${PARTITIONS} partitions once`, 30_000).catch((err: Error) => {
    throw new Error(`${err.message}; last seen: ${JSON.stringify([...last])}`);
  });
  return last;
}

async function produceRound(topic: string, round: string, count: number): Promise<string[]> {
  const producer = await connectedProducer(kafka);
  const values = Array.from({ length: count }, (_, i) => `${round}-${i}`);
  await producer.send({ topic, messages: values.map((value, i) => ({ partition: i % PARTITIONS, value })) });
  await producer.disconnect();
  return values;
}

test('three members of a group over six partitions own every partition exactly once', async () => {
  await createTopic(kafka, 'group-once', PARTITIONS);
  const received = new Received();
  for (let i = 0; i < 3; i++) await member('group-once', 'group-once', received);
  const owned = await settledAssignment('group-once', 'group-once', 3);
  for (const [memberId, partitions] of owned) assert.ok(partitions.length > 0, `member ${memberId} owns no partition`);
  // Each member was told, through SyncGroup, exactly what the broker holds for it.
  await waitUntil(() => [...owned].every(([id, partitions]) => toldAssignments.get(id)?.join() === partitions.join()),
    'every member was told its assignment');
  const sent = await produceRound('group-once', 'once', 60);
  await waitUntil(() => received.missing(sent).length === 0, 'every record was consumed');
});

test('when a member leaves, the other two take over its partitions and no record is lost', async () => {
  await createTopic(kafka, 'group-leave', PARTITIONS);
  const received = new Received();
  const members = [];
  for (let i = 0; i < 3; i++) members.push(await member('group-leave', 'group-leave', received));
  await settledAssignment('group-leave', 'group-leave', 3);
  const sent = await produceRound('group-leave', 'before', 60);
  await waitUntil(() => received.missing(sent).length === 0, 'the first round was consumed');

  await members[0].disconnect(); // sends LeaveGroup
  const after = await settledAssignment('group-leave', 'group-leave', 2);
  assert.equal(after.size, 2);
  sent.push(...(await produceRound('group-leave', 'after', 60)));
  await waitUntil(() => received.missing(sent).length === 0, 'every record was consumed after the leave');
});

test('a member that dies without leaving is expelled at its session timeout and its partitions are taken over', async () => {
  await createTopic(kafka, 'group-crash', PARTITIONS);
  const received = new Received();
  const doomed = childMember('group-crash', 'group-crash', received);
  const doomedId = await doomed.memberId;
  for (let i = 0; i < 2; i++) await member('group-crash', 'group-crash', received);
  const before = await settledAssignment('group-crash', 'group-crash', 3);
  assert.ok((before.get(doomedId) ?? []).length > 0, 'the child member owns partitions');
  const sent = await produceRound('group-crash', 'before', 60);
  await waitUntil(() => received.missing(sent).length === 0, 'the first round was consumed');

  doomed.child.kill('SIGKILL');
  // Records for the dead member's partitions arrive while it still counts as a member.
  sent.push(...(await produceRound('group-crash', 'during', 60)));
  const after = await settledAssignment('group-crash', 'group-crash', 2);
  assert.ok(!after.has(doomedId), 'the dead member is gone from the group');
  sent.push(...(await produceRound('group-crash', 'after', 60)));
  await waitUntil(() => received.missing(sent).length === 0, 'every record was consumed after the expulsion');
});
