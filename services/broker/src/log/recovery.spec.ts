import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { logConfig, readAll, TempDirs } from './log-test-support';
import { PartitionLog } from './partition-log';
import { testBatch } from './test-batch';

const temp = new TempDirs();
after(() => temp.cleanup());

function numbered(i: number, options = {}): Buffer {
  return testBatch([0, 1, 2].map((j) => ({ key: `k${i}`, value: `v${i}-${j}` })), options);
}

function logFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.log')).sort();
}

/** A log of `batches` flushed batches, and a crash copy of its directory taken before any close. */
async function crashedLog(batches: number, config = logConfig()): Promise<{ crashDir: string; expected: string[] }> {
  const dir = temp.make();
  const log = PartitionLog.open(dir, config);
  for (let i = 0; i < batches; i++) log.append([numbered(i)]);
  await log.flush();
  const crashDir = temp.crashCopy(dir);
  const expected = (await readAll(log)).map((r) => r.value as string);
  await log.close();
  return { crashDir, expected };
}

async function valuesAfterReopen(dir: string, config = logConfig()): Promise<{ values: string[]; log: PartitionLog }> {
  const log = PartitionLog.open(dir, config);
  return { values: (await readAll(log)).map((r) => r.value as string), log };
}

describe('recovery after a crash', () => {
  for (const [what, tail] of [
    ['half a batch', numbered(99).subarray(0, 40)],
    ['a batch cut short of its last byte', numbered(99).subarray(0, numbered(99).length - 1)],
    ['garbage', Buffer.from('this is not a record batch at all, just noise written by a dying process')],
    ['zeros from a file extended but never written', Buffer.alloc(4096)],
  ] as const) {
    test(`${what} at the end is truncated and every complete batch kept`, async () => {
      const { crashDir, expected } = await crashedLog(20);
      const file = join(crashDir, logFiles(crashDir).at(-1) as string);
      const size = statSync(file).size;
      appendFileSync(file, tail);
      const { values, log } = await valuesAfterReopen(crashDir);
      assert.deepEqual(values, expected);
      assert.equal(log.logEndOffset, 60);
      assert.equal(statSync(file).size, size);
      assert.equal(log.append([numbered(20)]).baseOffset, 60, 'appends continue right after the last good batch');
      await log.close();
    });
  }

  test('a batch whose CRC does not match is cut off with everything after it', async () => {
    const { crashDir, expected } = await crashedLog(10);
    const file = join(crashDir, logFiles(crashDir)[0]);
    const bytes = readFileSync(file);
    const batchSize = bytes.length / 10;
    bytes[7 * batchSize + 70] ^= 0xff; // a record byte of the eighth batch
    writeFileSync(file, bytes);
    const { values, log } = await valuesAfterReopen(crashDir);
    assert.deepEqual(values, expected.slice(0, 21));
    assert.equal(statSync(file).size, 7 * batchSize);
    assert.equal(log.append([numbered(50)]).baseOffset, 21);
    await log.flush();
    assert.deepEqual((await readAll(log)).map((r) => r.value), [...expected.slice(0, 21), 'v50-0', 'v50-1', 'v50-2']);
    await log.close();
  });

  test('a rolled segment not yet sealed is validated too, and later segments go if it was torn', async () => {
    const dir = temp.make();
    const config = logConfig({ 'segment.bytes': 1000 });
    const log = PartitionLog.open(dir, config, { fsync: () => new Promise(() => {}) }); // no round ever completes
    for (let i = 0; i < 30; i++) log.append([numbered(i)]);
    const crashDir = temp.crashCopy(dir);
    const files = logFiles(crashDir);
    assert.ok(files.length >= 3);
    const second = join(crashDir, files[1]);
    const secondSize = statSync(second).size;
    writeFileSync(second, readFileSync(second).subarray(0, secondSize - 10));
    const { values, log: reopened } = await valuesAfterReopen(crashDir, config);
    assert.equal(logFiles(crashDir).length, 2, 'segments after the torn one were deleted');
    assert.equal(values.length % 3, 0);
    assert.deepEqual(values, Array.from({ length: values.length }, (_, n) => `v${Math.floor(n / 3)}-${n % 3}`));
    assert.equal(reopened.logEndOffset, values.length);
    reopened.append([numbered(50)]);
    await reopened.flush();
    assert.deepEqual((await readAll(reopened)).map((r) => r.value).slice(-4), [values.at(-1), 'v50-0', 'v50-1', 'v50-2']);
    await reopened.close();
  });

  test('idempotent producer state is rebuilt from the batches when no snapshot survives', async () => {
    const dir = temp.make();
    const config = logConfig({ 'segment.bytes': 600 });
    const log = PartitionLog.open(dir, config);
    for (let seq = 0; seq < 12; seq++) log.append([numbered(seq, { producerId: 5, producerEpoch: 2, baseSequence: seq * 3 })]);
    await log.flush();
    const crashDir = temp.crashCopy(dir);
    await log.close();
    for (const f of readdirSync(crashDir)) if (f.endsWith('.snapshot')) unlinkSync(join(crashDir, f));
    const reopened = PartitionLog.open(crashDir, config);
    const retry = reopened.append([numbered(9, { producerId: 5, producerEpoch: 2, baseSequence: 27 })]);
    assert.deepEqual([retry.baseOffset, retry.lastOffset], [27, 29]);
    assert.equal(reopened.append([numbered(12, { producerId: 5, producerEpoch: 2, baseSequence: 36 })]).baseOffset, 36);
    await reopened.close();
  });

  test('a producer retrying after the broker was SIGKILLed is still deduplicated', async () => {
    const dir = temp.make();
    const script = `
      const { PartitionLog } = require(${JSON.stringify(join(__dirname, 'partition-log.ts'))});
      const { testBatch } = require(${JSON.stringify(join(__dirname, 'test-batch.ts'))});
      const { DEFAULT_LOG_CONFIG } = require(${JSON.stringify(join(__dirname, 'log-config.ts'))});
      const log = PartitionLog.open(${JSON.stringify(dir)}, { ...DEFAULT_LOG_CONFIG, 'segment.bytes': 700 });
      const send = (seq) => log.append([testBatch([{ value: 'a' + seq }, { value: 'b' + seq }], { producerId: 9, producerEpoch: 0, baseSequence: seq * 2 })]);
      for (let seq = 0; seq < 8; seq++) send(seq);
      log.flush().then(() => {
        for (let seq = 8; seq < 10; seq++) send(seq); // acks=1: written, maybe not yet fsynced
        process.stdout.write('ready\\n');
        setInterval(() => {}, 1000);
      });`;
    const child = spawn(process.execPath, ['--require', '@swc-node/register', '-e', script], { env: process.env, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('child never got ready')), 20_000);
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    const log = PartitionLog.open(dir, logConfig({ 'segment.bytes': 700 }));
    assert.equal(log.logEndOffset, 20, 'written batches survive a process crash (they were in the page cache)');
    const retry = log.append([testBatch([{ value: 'a9' }, { value: 'b9' }], { producerId: 9, producerEpoch: 0, baseSequence: 18 })]);
    assert.deepEqual([retry.baseOffset, retry.lastOffset], [18, 19]);
    assert.equal(log.logEndOffset, 20);
    assert.equal(log.append([testBatch([{ value: 'a10' }], { producerId: 9, producerEpoch: 0, baseSequence: 20 })]).baseOffset, 20);
    await log.close();
  });
});
