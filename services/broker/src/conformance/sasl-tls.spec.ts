/**
 * The broker's optional security: a TLS listener with SASL/PLAIN, judged by kafkajs and by
 * librdkafka (kcat) over SASL_SSL, as a production cluster would be configured.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, Partitioners, logLevel, type KafkaConfig } from 'kafkajs';
import { BrokerProcess, tempDir } from '@tributary/testing';

const USERS = { tributary: 's3cret-pw', reader: 'other-pw' };
let broker: BrokerProcess;
let files: ReturnType<typeof tempDir>;
let certificate: string;

before(async () => {
  files = tempDir('sasl-tls');
  const cert = join(files.path, 'broker.pem');
  const key = join(files.path, 'broker.key');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  certificate = readFileSync(cert, 'utf8');
  writeFileSync(join(files.path, 'users.json'), JSON.stringify(USERS));
  broker = await BrokerProcess.start({
    args: ['--tls-cert', cert, '--tls-key', key, '--sasl-users', join(files.path, 'users.json')],
  });
});

after(async () => {
  await broker.dispose();
  files.remove();
});

function client(overrides: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    brokers: [broker.address], clientId: 'sasl-tls-test', logLevel: logLevel.NOTHING,
    ssl: { ca: [certificate] },
    sasl: { mechanism: 'plain', username: 'tributary', password: USERS.tributary },
    retry: { retries: 0 }, connectionTimeout: 3000,
    ...overrides,
  });
}

describe('SASL/PLAIN over TLS', () => {
  test('kafkajs with the right credentials over TLS produces and consumes', async () => {
    const kafka = client();
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'secure', numPartitions: 2 }] });
    await admin.disconnect();
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({ topic: 'secure', acks: -1, messages: [{ key: 'k1', value: 'over tls' }, { key: 'k2', value: 'and sasl' }] });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: 'secure-readers' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'secure', fromBeginning: true });
    const values: string[] = [];
    await new Promise<void>((resolve) => {
      void consumer.run({ eachMessage: async ({ message }) => {
        values.push(message.value!.toString());
        if (values.length === 2) resolve();
      } });
    });
    await consumer.disconnect();
    assert.deepEqual(values.sort(), ['and sasl', 'over tls']);
  });

  test('a wrong password is refused with an authentication error', async () => {
    const admin = client({ sasl: { mechanism: 'plain', username: 'tributary', password: 'wrong' } }).admin();
    await assert.rejects(admin.connect(), (error: Error) => {
      assert.equal(error.name, 'KafkaJSSASLAuthenticationError');
      return true;
    });
  });

  test('a client without SASL is not served', async () => {
    const admin = client({ sasl: undefined }).admin();
    await assert.rejects(admin.listTopics());
    await admin.disconnect();
  });

  test('a plaintext client on the TLS listener gets no answer it could mistake for Kafka', async () => {
    const admin = client({ ssl: false }).admin();
    await assert.rejects(admin.connect());
  });

  test('kcat over SASL_SSL reads what kafkajs wrote', () => {
    const result = spawnSync('kcat', [
      '-b', broker.address, '-C', '-t', 'secure', '-e', '-q', '-f', '%k=%s\\n',
      '-X', 'security.protocol=SASL_SSL', '-X', 'sasl.mechanisms=PLAIN',
      '-X', 'sasl.username=reader', '-X', `sasl.password=${USERS.reader}`,
      '-X', `ssl.ca.location=${join(files.path, 'broker.pem')}`,
    ], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(result.stdout.trim().split('\n').sort(), ['k1=over tls', 'k2=and sasl']);
  });
});
