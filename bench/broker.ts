/**
 * Broker throughput and latency with kafkajs, as the issue sets it: 1,000,000 records of
 * 200 bytes, a 6-partition topic, acks=-1 (every answer after fsync), sends of 1,000 records
 * with 8 in flight; consumption with eachBatch. The broker runs as its own process (like Kafka
 * would), started from source on a free port with a fresh data folder.
 *
 *   npm run bench -- broker [--records N] [--in-flight N] [--batch N] [--size BYTES] [--profile DIR]
 *
 * --profile DIR writes a V8 CPU profile of the broker process into DIR (open it in Chrome
 * DevTools, or sum self time per function) to see where the broker's time goes.
 *
 * Phases: produce alone, consume alone (the records just produced), then producer and consumer
 * together on a new topic for source-to-consumer latency (record timestamp to eachBatch). In that
 * phase the consumer runs in a worker thread: in production the two are different processes, and
 * on one JS thread the producer's encoding would delay the consumer's callbacks and count as
 * broker latency.
 */
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { BrokerProcess } from '@tributary/testing';

const { values } = parseArgs({
  args: isMainThread ? process.argv.slice(2) : (workerData as { args: string[] }).args,
  options: {
    records: { type: 'string', default: '1000000' },
    'in-flight': { type: 'string', default: '8' },
    batch: { type: 'string', default: '1000' },
    size: { type: 'string', default: '200' },
    partitions: { type: 'string', default: '6' },
    profile: { type: 'string' },
  },
});
const settings = {
  records: Number(values.records), inFlight: Number(values['in-flight']), batch: Number(values.batch),
  size: Number(values.size), partitions: Number(values.partitions), acks: -1,
};

async function produce(kafka: Kafka, topic: string, stampValues: boolean): Promise<number> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const payload = Buffer.alloc(settings.size, 'x');
  let sent = 0;
  const started = process.hrtime.bigint();
  const worker = async (): Promise<void> => {
    while (sent < settings.records) {
      const n = Math.min(settings.batch, settings.records - sent);
      sent += n;
      const now = Date.now();
      const messages = Array.from({ length: n }, () => ({ value: payload, timestamp: stampValues ? String(Date.now()) : String(now) }));
      await producer.send({ topic, acks: settings.acks, messages });
    }
  };
  await Promise.all(Array.from({ length: settings.inFlight }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await producer.disconnect();
  return seconds;
}

async function consume(kafka: Kafka, topic: string, latencies?: number[], onJoined?: () => void): Promise<{ seconds: number; consumer: Consumer }> {
  const consumer = kafka.consumer({ groupId: `bench-${topic}`, maxBytesPerPartition: 1_048_576, maxBytes: 10_485_760 });
  if (onJoined) consumer.on(consumer.events.GROUP_JOIN, onJoined);
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let received = 0;
  let started = 0n;
  const seconds = await new Promise<number>((resolve) => {
    void consumer.run({
      autoCommitInterval: 1000,
      eachBatch: async ({ batch }) => {
        if (started === 0n) started = process.hrtime.bigint();
        received += batch.messages.length;
        if (latencies) {
          const now = Date.now();
          for (const m of batch.messages) latencies.push(now - Number(m.timestamp));
        }
        if (received >= settings.records) resolve(Number(process.hrtime.bigint() - started) / 1e9);
      },
    });
  });
  return { seconds, consumer };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function rate(records: number, seconds: number): string {
  const mb = (records * settings.size) / 1e6 / seconds;
  return `${Math.round(records / seconds).toLocaleString('en-US')} records/s, ${mb.toFixed(1)} MB/s (${seconds.toFixed(2)} s)`;
}

/** The e2e phase's consumer, in a worker: reports its latencies (ms) when it has every record. */
async function latencyWorker(): Promise<void> {
  const { address, topic } = workerData as { address: string; topic: string };
  const kafka = new Kafka({ brokers: [address], clientId: 'bench-latency', logLevel: logLevel.ERROR });
  const latencies: number[] = [];
  const { consumer } = await consume(kafka, topic, latencies, () => parentPort!.postMessage({ ready: true }));
  await consumer.disconnect();
  parentPort!.postMessage({ latencies: Float64Array.from(latencies) });
}

function startLatencyWorker(address: string, topic: string): { ready: Promise<void>; latencies: Promise<Float64Array> } {
  const worker = new Worker(__filename, { workerData: { address, topic, args: process.argv.slice(2) } });
  let ready!: () => void;
  let failed!: (error: Error) => void;
  const readyPromise = new Promise<void>((resolve, reject) => ((ready = resolve), (failed = reject)));
  const latencies = new Promise<Float64Array>((resolve, reject) => {
    worker.on('message', (message: { ready?: true; latencies?: Float64Array }) => {
      if (message.ready) ready();
      if (message.latencies) resolve(message.latencies);
    });
    worker.on('error', (error) => (failed(error), reject(error)));
    worker.on('exit', (code) => code !== 0 && failed(new Error(`latency worker exited with ${code}`)));
  });
  return { ready: readyPromise, latencies };
}

async function main(): Promise<void> {
  console.log('settings', JSON.stringify({ ...settings, client: 'kafkajs 2.2.4', broker: 'tributary embedded (child process)', fsyncBeforeAck: true }));
  const broker = await BrokerProcess.start({
    args: ['--log-level', 'warn'],
    nodeArgs: values.profile ? ['--cpu-prof', '--cpu-prof-dir', values.profile] : [],
  });
  try {
    const kafka = new Kafka({ brokers: [broker.address], clientId: 'bench', logLevel: logLevel.ERROR });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'bench', numPartitions: settings.partitions }, { topic: 'bench-e2e', numPartitions: settings.partitions }] });

    const produceSeconds = await produce(kafka, 'bench', false);
    console.log(`produce   ${rate(settings.records, produceSeconds)}`);

    const consumed = await consume(kafka, 'bench');
    console.log(`consume   ${rate(settings.records, consumed.seconds)}`);
    await consumed.consumer.disconnect();

    const e2e = startLatencyWorker(broker.address, 'bench-e2e');
    await e2e.ready;
    const e2eProduceSeconds = await produce(kafka, 'bench-e2e', true);
    const latencies = Array.from(await e2e.latencies).sort((a, b) => a - b);
    console.log(`together  produce ${rate(settings.records, e2eProduceSeconds)}`);
    console.log(`latency   end-to-end p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies[latencies.length - 1]} ms over ${latencies.length.toLocaleString('en-US')} records`);
    await admin.disconnect();
  } finally {
    await broker.dispose();
  }
}

(isMainThread ? main() : latencyWorker()).catch((err) => {
  console.error(err);
  process.exit(1);
});
