/**
 * librdkafka, through kcat, as the judge of metadata and produce: kcat opens with ApiVersions v3
 * (flexible), which the broker answers with the v0 fallback, and then speaks the versions we
 * advertise. What kcat writes must reach a kafkajs consumer byte for byte.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { BrokerProcess, freePort, tempDir } from '@tributary/testing';
import { consumeAll } from './consume-all';
import { KCAT_RECORD_FORMAT, kcatOk, parseKcatRecords } from './kcat';

interface KcatMetadata {
  brokers: Array<{ id: number; name: string }>;
  topics: Array<{ topic: string; partitions: Array<{ partition: number; leader: number; replicas: Array<{ id: number }> }> }>;
}

let broker: BrokerProcess;
let kafka: Kafka;

before(async () => {
  broker = await BrokerProcess.start();
  kafka = new Kafka({ brokers: [broker.address], clientId: 'kcat-producer-test', logLevel: logLevel.NOTHING });
});
after(async () => {
  await broker.dispose();
});

async function createTopics(...topics: Array<{ topic: string; numPartitions: number }>): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics, waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

describe('kcat -L', () => {
  test('lists the broker at its address and the topics kafkajs created, each partition led by node 1', async () => {
    await createTopics({ topic: 'meta-three', numPartitions: 3 }, { topic: 'meta-one', numPartitions: 1 });
    const { stdout } = await kcatOk(['-L', '-J', '-b', broker.address]);
    const metadata = JSON.parse(stdout.toString()) as KcatMetadata;
    assert.deepEqual(metadata.brokers, [{ id: 1, name: broker.address }]);
    const partitionsOf = (name: string) => metadata.topics.find((t) => t.topic === name)?.partitions;
    for (const [name, count] of [['meta-three', 3], ['meta-one', 1]] as const) {
      const partitions = partitionsOf(name);
      assert.ok(partitions, `kcat did not list ${name}`);
      assert.deepEqual(partitions.map((p) => p.partition).sort(), Array.from({ length: count }, (_, i) => i));
      for (const p of partitions) {
        assert.equal(p.leader, 1);
        assert.deepEqual(p.replicas, [{ id: 1 }]);
      }
    }
  });

  test('negotiates API versions from its opening flexible ApiVersions v3 request and enables the modern protocol features', async () => {
    const { stderr } = await kcatOk(['-L', '-b', broker.address, '-d', 'broker,feature']);
    // Without a usable ApiVersions answer librdkafka falls back to broker.version.fallback
    // (0.10.0): no MsgVer2 (record batches), no idempotence, no consumer groups of its own.
    const features = /Updated enabled protocol features to (\S+)/.exec(stderr)?.[1].split(',');
    assert.ok(features, `kcat reported no negotiated features:\n${stderr.slice(-2000)}`);
    for (const feature of ['ApiVersion', 'MsgVer2', 'IdempotentProducer', 'BrokerBalancedConsumer', 'BrokerGroupCoordinator', 'OffsetTime', 'ZSTD']) {
      assert.ok(features.includes(feature), `${feature} not enabled; got ${features.join(',')}`);
    }
  });

  test('reports the advertised address, not the one kcat bootstrapped from', async () => {
    const port = await freePort();
    const advertised = await BrokerProcess.start({ port, args: ['--advertise', `localhost:${port}`] });
    try {
      const { stdout } = await kcatOk(['-L', '-J', '-b', advertised.address]);
      assert.deepEqual((JSON.parse(stdout.toString()) as KcatMetadata).brokers, [{ id: 1, name: `localhost:${port}` }]);
    } finally {
      await advertised.dispose();
    }
  });
});

describe('kcat -P', () => {
  test('writes keys, headers and values to chosen partitions that a kafkajs consumer reads byte for byte', async () => {
    await createTopics({ topic: 'kcat-written', numPartitions: 3 });
    // Lines are split at \n and keys at the first \t; everything else (UTF-8, control bytes,
    // 0xff) must arrive untouched.
    const valueOf = (p: number, i: number) => Buffer.concat([Buffer.from(`värde ${p}/${i} `), Buffer.from([0x00, 0x01, 0xff, 0x7f])]);
    for (const p of [0, 1, 2]) {
      const lines = Array.from({ length: 5 }, (_, i) => Buffer.concat([Buffer.from(`key-${p}-${i}\t`), valueOf(p, i), Buffer.from('\n')]));
      await kcatOk(['-P', '-b', broker.address, '-t', 'kcat-written', '-p', String(p), '-K', '\\t',
        '-H', `partition=${p}`, '-H', 'trace=00-ab-cd-01'], { input: Buffer.concat(lines) });
    }
    const records = await consumeAll(kafka, 'kcat-written', 15);
    assert.equal(records.length, 15);
    for (const r of records) {
      const i = Number(r.key!.toString().split('-')[2]);
      assert.equal(r.key!.toString(), `key-${r.partition}-${i}`);
      assert.deepEqual(r.value, valueOf(r.partition, i));
      assert.equal(r.offset, i, 'records of one kcat run keep their order');
      assert.deepEqual(Object.keys(r.headers).sort(), ['partition', 'trace']);
      assert.deepEqual(r.headers.partition, Buffer.from(String(r.partition)));
      assert.deepEqual(r.headers.trace, Buffer.from('00-ab-cd-01'));
    }
  });

  test('sends a file of many lines with -l as one record per line, in order', async () => {
    const dir = tempDir('kcat-lines');
    try {
      const lines = Array.from({ length: 3000 }, (_, i) => `line ${i} ${'x'.repeat(i % 97)}`);
      const file = join(dir.path, 'lines.txt');
      writeFileSync(file, lines.join('\n') + '\n');
      await createTopics({ topic: 'kcat-file', numPartitions: 1 });
      await kcatOk(['-P', '-b', broker.address, '-t', 'kcat-file', '-p', '0', '-l', file]);
      const records = await consumeAll(kafka, 'kcat-file', lines.length);
      assert.deepEqual(records.map((r) => r.value?.toString()), lines);
      assert.deepEqual(records.map((r) => r.offset), lines.map((_, i) => i));
      assert.ok(records.every((r) => r.key === null));
    } finally {
      dir.remove();
    }
  });

  test('compresses with gzip, snappy, lz4 and zstd into batches the broker stores and kcat reads back whole', async () => {
    for (const codec of ['gzip', 'snappy', 'lz4', 'zstd']) {
      const topic = `kcat-${codec}`;
      await createTopics({ topic, numPartitions: 1 });
      const lines = Array.from({ length: 500 }, (_, i) => `${codec} record ${i} ${'z'.repeat(i % 50)}`);
      await kcatOk(['-P', '-b', broker.address, '-t', topic, '-z', codec], { input: lines.join('\n') + '\n' });
      const { stdout } = await kcatOk(['-C', '-b', broker.address, '-t', topic, '-o', 'beginning', '-e', '-f', KCAT_RECORD_FORMAT]);
      const records = parseKcatRecords(stdout);
      assert.deepEqual(records.map((r) => r.value?.toString()), lines, `${codec} records differ`);
      assert.deepEqual(records.map((r) => r.offset), lines.map((_, i) => i));
    }
  });

  test('with enable.idempotence=true gets a producer id through InitProducerId and stores each record once', async () => {
    await createTopics({ topic: 'kcat-idempotent', numPartitions: 2 });
    const values = Array.from({ length: 200 }, (_, i) => `idempotent ${i}`);
    const { stderr } = await kcatOk(
      ['-P', '-b', broker.address, '-t', 'kcat-idempotent', '-X', 'enable.idempotence=true', '-d', 'eos,protocol'],
      { input: values.join('\n') + '\n' },
    );
    assert.match(stderr, /Received InitProducerIdResponse/);
    // librdkafka logs the id it was given; -1 would mean it never left the "no producer id" state.
    const pid = /Acquired PID\{Id:(-?\d+),Epoch:(-?\d+)\}/.exec(stderr);
    assert.ok(pid, `kcat did not report a producer id:\n${stderr.slice(-2000)}`);
    assert.ok(Number(pid[1]) >= 0 && Number(pid[2]) >= 0, `producer id ${pid[1]} epoch ${pid[2]}`);
    const records = await consumeAll(kafka, 'kcat-idempotent', values.length);
    assert.deepEqual(records.map((r) => r.value?.toString()).sort(), [...values].sort());
  });
});
