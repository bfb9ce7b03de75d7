/**
 * librdkafka, through kcat, as the judge of fetch, list-offsets and consumer groups: what kafkajs
 * writes (plain and gzip batches) kcat reads byte for byte, from every start offset kcat knows,
 * and kcat group members share partitions and resume from what they committed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { CompressionTypes, Kafka, logLevel } from 'kafkajs';
import { BrokerProcess } from '@tributary/testing';
import { KCAT_RECORD_FORMAT, kcatOk, parseKcatRecords, startKcat, type KcatRecord } from './kcat';

let broker: BrokerProcess;
let kafka: Kafka;

before(async () => {
  broker = await BrokerProcess.start();
  kafka = new Kafka({ brokers: [broker.address], clientId: 'kcat-consumer-test', logLevel: logLevel.NOTHING });
});
after(async () => {
  await broker.dispose();
});

async function createTopic(topic: string, numPartitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

async function produce(topic: string, messages: Array<{ partition: number; key?: Buffer | string | null; value: Buffer | string; headers?: Record<string, string>; timestamp?: string }>, compression = CompressionTypes.None): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic, messages, compression, acks: -1 });
  } finally {
    await producer.disconnect();
  }
}

/** kcat -C over every partition of `topic` from `offset`, exiting at the end of each partition. */
async function kcatConsume(topic: string, offset: string): Promise<KcatRecord[]> {
  const { stdout } = await kcatOk(['-C', '-b', broker.address, '-t', topic, '-o', offset, '-e', '-f', KCAT_RECORD_FORMAT]);
  return parseKcatRecords(stdout).sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}

describe('kcat -C', () => {
  test('reads what a kafkajs producer wrote, plain and gzip, byte for byte with keys, headers and partitions, and exits at the end', async () => {
    await createTopic('kafkajs-written', 3);
    // Values and keys hold newlines, NULs and invalid UTF-8: only a byte-exact path survives them.
    const plain = Array.from({ length: 30 }, (_, i) => ({
      partition: i % 3, key: i % 5 === 0 ? null : randomBytes(1 + (i % 7)), value: Buffer.concat([Buffer.from(`plain ${i}\n`), randomBytes(i * 13)]),
      headers: { 'tributary-tenant': 'acme', seq: String(i) },
    }));
    const gzipped = Array.from({ length: 30 }, (_, i) => ({
      partition: 1, key: Buffer.from(`gzip-${i}`), value: Buffer.concat([randomBytes(8), Buffer.alloc(500, i)]), headers: { seq: String(100 + i) },
    }));
    await produce('kafkajs-written', plain);
    await produce('kafkajs-written', gzipped, CompressionTypes.GZIP);

    const records = await kcatConsume('kafkajs-written', 'beginning');
    assert.equal(records.length, plain.length + gzipped.length);
    const bySeq = new Map(records.map((r) => [/seq=(\d+)/.exec(r.headers)?.[1], r]));
    for (const [i, m] of [...plain.map((m, i) => [i, m] as const), ...gzipped.map((m, i) => [100 + i, m] as const)]) {
      const r = bySeq.get(String(i));
      assert.ok(r, `record seq=${i} missing`);
      assert.equal(r.partition, m.partition);
      assert.deepEqual(r.key, m.key);
      assert.deepEqual(r.value, m.value);
      assert.equal(r.headers, Object.entries(m.headers).map(([k, v]) => `${k}=${v}`).join(','));
    }
    for (const p of [0, 1, 2]) {
      const offsets = records.filter((r) => r.partition === p).map((r) => r.offset);
      assert.deepEqual(offsets, offsets.map((_, i) => i), `partition ${p} offsets are not dense from 0`);
    }
  });

  test('with -J prints each record envelope: topic, partition, offset, timestamp, key, payload and headers', async () => {
    await createTopic('kafkajs-json', 1);
    await produce('kafkajs-json', [
      { partition: 0, key: 'order-1', value: '{"total":12.5}', headers: { traceparent: '00-aa-bb-01' }, timestamp: '1700000000000' },
      { partition: 0, key: null, value: 'ünïcödé', timestamp: '1700000000001' },
    ]);
    const { stdout } = await kcatOk(['-C', '-b', broker.address, '-t', 'kafkajs-json', '-o', 'beginning', '-e', '-J']);
    const envelopes = stdout.toString().trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(envelopes.map(({ broker: _b, tstype: _t, ...rest }) => rest), [
      { topic: 'kafkajs-json', partition: 0, offset: 0, ts: 1700000000000, headers: ['traceparent', '00-aa-bb-01'], key: 'order-1', payload: '{"total":12.5}' },
      { topic: 'kafkajs-json', partition: 0, offset: 1, ts: 1700000000001, key: null, payload: 'ünïcödé' },
    ]);
    assert.equal(envelopes[0].tstype, 'create');
  });
});

describe('kcat -o', () => {
  const base = 1_700_000_000_000;
  before(async () => {
    await createTopic('offsets', 1);
    await produce('offsets', Array.from({ length: 10 }, (_, i) => ({ partition: 0, value: `v${i}`, timestamp: String(base + i * 1000) })));
  });
  const valuesFrom = async (offset: string) => (await kcatConsume('offsets', offset)).map((r) => r.value?.toString());

  test('beginning starts at the first record', async () => {
    assert.deepEqual(await valuesFrom('beginning'), ['v0', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7', 'v8', 'v9']);
  });
  test('end starts after the last record, so kcat -e exits with nothing', async () => {
    assert.deepEqual(await valuesFrom('end'), []);
  });
  test('an absolute offset starts at that record', async () => {
    assert.deepEqual(await valuesFrom('7'), ['v7', 'v8', 'v9']);
  });
  test('a negative offset starts that many records before the end', async () => {
    assert.deepEqual(await valuesFrom('-3'), ['v7', 'v8', 'v9']);
  });
  test('s@timestamp starts at the first record at or after that time (ListOffsets by timestamp)', async () => {
    assert.deepEqual(await valuesFrom(`s@${base + 5000}`), ['v5', 'v6', 'v7', 'v8', 'v9']);
    assert.deepEqual(await valuesFrom(`s@${base + 5500}`), ['v6', 'v7', 'v8', 'v9']);
  });
});

describe('kcat -G', () => {
  const groupArgs = (group: string) => ['-b', broker.address, '-G', group, '-X', 'enable.auto.commit=true', '-X', 'auto.commit.interval.ms=100'];

  async function committedOffsets(groupId: string, topic: string): Promise<Record<number, number>> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [{ partitions }] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return Object.fromEntries(partitions.map((p) => [p.partition, Number(p.offset)]));
    } finally {
      await admin.disconnect();
    }
  }

  test('a member reads every partition, commits on exit, and the next run resumes after the commit', async () => {
    await createTopic('group-resume', 2);
    await produce('group-resume', Array.from({ length: 6 }, (_, i) => ({ partition: i % 2, value: `first ${i}` })));
    // In -G mode `-o beginning` overrides committed offsets, so only the first run uses it;
    // the second starts from the commit (auto.offset.reset only applies where there is none).
    const first = await kcatOk([...groupArgs('resume'), '-o', 'beginning', '-e', '-f', KCAT_RECORD_FORMAT, 'group-resume']);
    assert.deepEqual(parseKcatRecords(first.stdout).map((r) => r.value?.toString()).sort(), [0, 1, 2, 3, 4, 5].map((i) => `first ${i}`));
    assert.deepEqual(await committedOffsets('resume', 'group-resume'), { 0: 3, 1: 3 });

    await produce('group-resume', [{ partition: 0, value: 'second 0' }, { partition: 1, value: 'second 1' }, { partition: 1, value: 'second 2' }]);
    const second = await kcatOk([...groupArgs('resume'), '-X', 'auto.offset.reset=earliest', '-e', '-f', KCAT_RECORD_FORMAT, 'group-resume']);
    const resumed = parseKcatRecords(second.stdout);
    assert.deepEqual(resumed.map((r) => r.value?.toString()).sort(), ['second 0', 'second 1', 'second 2']);
    assert.deepEqual(resumed.map((r) => `${r.partition}@${r.offset}`).sort(), ['0@3', '1@3', '1@4']);
    assert.deepEqual(await committedOffsets('resume', 'group-resume'), { 0: 4, 1: 5 });
  });

  test('two members of one group split the partitions between them and together read each record once', async () => {
    await createTopic('group-split', 4);
    const args = [...groupArgs('split'), '-X', 'auto.offset.reset=earliest', '-u', '-f', '%p %o %s\\n', 'group-split'];
    const members = [startKcat(args)];
    try {
      await waitForGroup('split', 1);
      members.push(startKcat(args));
      await waitForGroup('split', 2);
      await produce('group-split', Array.from({ length: 40 }, (_, i) => ({ partition: i % 4, value: `split ${i}` })));
      const linesOf = (m: (typeof members)[number]) => m.stdout().toString().split('\n').filter((l) => l.length > 0);
      await until(() => members.reduce((n, m) => n + linesOf(m).length, 0) >= 40, 'both members to read 40 records');
      const partitionsOf = members.map((m) => new Set(linesOf(m).map((l) => Number(l.split(' ')[0]))));
      assert.ok(partitionsOf.every((set) => set.size > 0), `a member got nothing: ${partitionsOf.map((s) => [...s])}`);
      assert.deepEqual([...partitionsOf[0]].filter((p) => partitionsOf[1].has(p)), [], 'a partition went to both members');
      assert.deepEqual([...partitionsOf[0], ...partitionsOf[1]].sort(), [0, 1, 2, 3]);
      const values = members.flatMap(linesOf).map((l) => l.split(' ').slice(2).join(' ')).sort();
      assert.deepEqual(values, Array.from({ length: 40 }, (_, i) => `split ${i}`).sort());
    } finally {
      await Promise.all(members.map((m) => m.stop()));
    }
  });

  async function waitForGroup(groupId: string, members: number): Promise<void> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await until(async () => {
        const [group] = (await admin.describeGroups([groupId])).groups;
        return group.state === 'Stable' && group.members.length === members;
      }, `group ${groupId} to be stable with ${members} member(s)`);
    } finally {
      await admin.disconnect();
    }
  }
});

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
