import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { readBatchHeader } from './batch-header';
import { logConfig, readAll, TempDirs } from './log-test-support';
import { PartitionLog } from './partition-log';
import { decodeWithKafkajs, testBatch, testBatchOfSize } from './test-batch';

const temp = new TempDirs();
after(() => temp.cleanup());

/** Batch i holds 3 records "v<i>-0..2" with timestamps 1000 + 10 * i + j. */
function numbered(i: number, options = {}): Buffer {
  return testBatch([0, 1, 2].map((j) => ({ key: `k${i}`, value: `v${i}-${j}`, timestamp: 1000 + 10 * i + j })), options);
}

const isKafkaError = (type: string) => (err: unknown) => (err as { type?: string }).type === type;

describe('partition log', () => {
  test('appended batches read back in order across segment rolls, with offsets assigned', async () => {
    const dir = temp.make();
    const log = PartitionLog.open(dir, logConfig({ 'segment.bytes': 1000, 'index.interval.bytes': 100 }));
    for (let i = 0; i < 50; i++) assert.deepEqual(log.append([numbered(i)], 5000), { baseOffset: 3 * i, lastOffset: 3 * i + 2, logAppendTime: -1, logStartOffset: 0 });
    await log.flush();
    assert.ok(readdirSync(dir).filter((f) => f.endsWith('.log')).length > 5, 'rolled into several segments');
    const expected = Array.from({ length: 150 }, (_, n) => ({ offset: n, value: `v${Math.floor(n / 3)}-${n % 3}` }));
    assert.deepEqual((await readAll(log, 0, 300)).map((r) => ({ offset: r.offset, value: r.value })), expected);
    await log.close();
    const reopened = PartitionLog.open(dir, logConfig({ 'segment.bytes': 1000, 'index.interval.bytes': 100 }));
    assert.equal(reopened.highWatermark, 150);
    assert.deepEqual((await readAll(reopened, 0, 300)).map((r) => ({ offset: r.offset, value: r.value })), expected);
    assert.equal(reopened.append([numbered(50)]).baseOffset, 150);
    await reopened.close();
  });

  test('a read at any offset starts with the batch that holds it, before and after a reopen', async () => {
    const dir = temp.make();
    const config = logConfig({ 'segment.bytes': 2000, 'index.interval.bytes': 150 });
    const log = PartitionLog.open(dir, config);
    for (let i = 0; i < 60; i++) log.append([numbered(i)]);
    await log.flush();
    const check = (l: PartitionLog): void => {
      for (let offset = 0; offset < 180; offset++) {
        const first = readBatchHeader(l.read(offset, 1));
        assert.equal(first.baseOffset, offset - (offset % 3), `offset ${offset}`);
      }
    };
    check(log);
    await log.close();
    const reopened = PartitionLog.open(dir, config);
    check(reopened);
    await reopened.close();
  });

  test('a first batch larger than maxBytes is returned whole (KIP-74), later ones only if they fit', async () => {
    const log = PartitionLog.open(temp.make(), logConfig());
    const big = testBatchOfSize(10, 500);
    log.append([big, testBatchOfSize(1, 10)]);
    await log.flush();
    assert.equal(log.read(0, 100).length, big.length);
    assert.equal(log.read(0, big.length + 10).length, big.length);
    assert.ok(log.read(0, 1 << 20).length > big.length);
    await log.close();
  });

  test('the high watermark moves only after a flush, and reads stop there', async () => {
    const log = PartitionLog.open(temp.make(), logConfig(), { fsync: () => new Promise((r) => setTimeout(r, 5)) });
    const seen: number[] = [];
    log.onHighWatermark((hw) => seen.push(hw));
    log.append([numbered(0)]);
    log.append([numbered(1)]);
    assert.equal(log.logEndOffset, 6);
    assert.equal(log.highWatermark, 0);
    assert.equal(log.read(0, 1 << 20).length, 0, 'nothing durable yet to read');
    assert.throws(() => log.read(3, 1 << 20), isKafkaError('OFFSET_OUT_OF_RANGE'));
    await log.flush();
    assert.equal(log.highWatermark, 6);
    assert.deepEqual(seen, [6]);
    log.append([numbered(2)]);
    assert.deepEqual((await decodeWithKafkajs(log.read(0, 1 << 20))).map((r) => r.offset), [0, 1, 2, 3, 4, 5], 'not past the high watermark');
    await log.close();
  });

  test('an append schedules a flush by itself, so acks=0/1 data becomes visible without anyone waiting', async () => {
    const log = PartitionLog.open(temp.make(), logConfig());
    const advanced = new Promise<number>((resolve) => log.onHighWatermark(resolve));
    log.append([numbered(0)]);
    assert.equal(await advanced, 3);
    await log.close();
  });

  test('concurrent acks=-1 producers share fsyncs: rounds of 8 cost far fewer than 8 fdatasyncs', async () => {
    let fsyncs = 0;
    const log = PartitionLog.open(temp.make(), logConfig(), {
      fsync: async () => {
        fsyncs++;
        await new Promise((r) => setTimeout(r, 2));
      },
    });
    const rounds = 10;
    for (let round = 0; round < rounds; round++) {
      await Promise.all(Array.from({ length: 8 }, async (_, p) => {
        log.append([numbered(round * 8 + p)]);
        await log.flush();
        assert.ok(log.highWatermark >= 3 * (round * 8 + p + 1), 'flush resolved only once its append was durable');
      }));
    }
    assert.equal(log.highWatermark, rounds * 8 * 3);
    assert.ok(fsyncs <= 2 * rounds, `${fsyncs} fsyncs for ${rounds * 8} acks=-1 appends`);
    await log.close();
  });

  test('LogAppendTime stamps every batch with the broker time and reports it', async () => {
    const log = PartitionLog.open(temp.make(), logConfig({ 'message.timestamp.type': 'LogAppendTime' }));
    assert.equal(log.append([numbered(0), numbered(1)], 424242).logAppendTime, 424242);
    await log.flush();
    assert.deepEqual((await readAll(log)).map((r) => r.timestamp), Array(6).fill(424242));
    await log.close();
  });

  test('offsetForTimestamp finds the first record at or after a timestamp, as a full scan would', async () => {
    const dir = temp.make();
    const config = logConfig({ 'segment.bytes': 700, 'index.interval.bytes': 100 });
    const log = PartitionLog.open(dir, config);
    // Timestamps mostly rising, with a few batches from the past mixed in (CreateTime is the producer's clock).
    const times = Array.from({ length: 40 }, (_, i) => (i % 7 === 3 ? 500 + i : 1000 + 10 * i));
    times.forEach((t, i) => log.append([testBatch([0, 1, 2].map((j) => ({ key: `k${i}`, value: 'v', timestamp: t + j })))]));
    await log.flush();
    const all = await readAll(log);
    const scan = (ts: number) => all.find((r) => r.timestamp >= ts) ?? null;
    const check = (l: PartitionLog): void => {
      for (const ts of [0, 500, 504, 999, 1000, 1001, 1002, 1003, 1155, 1156, 1300, 1392, 1393, 5000]) {
        const expected = scan(ts);
        assert.deepEqual(l.offsetForTimestamp(ts), expected && { offset: expected.offset, timestamp: expected.timestamp }, `timestamp ${ts}`);
      }
    };
    check(log);
    await log.close();
    const reopened = PartitionLog.open(dir, config);
    check(reopened);
    await reopened.close();
  });

  test('deleteRecordsBefore raises the log start offset, deletes whole segments below it, and survives a reopen', async () => {
    const dir = temp.make();
    const config = logConfig({ 'segment.bytes': 1000 });
    const log = PartitionLog.open(dir, config);
    for (let i = 0; i < 30; i++) log.append([numbered(i)]);
    await log.flush();
    const segmentsBefore = readdirSync(dir).filter((f) => f.endsWith('.log')).length;
    assert.throws(() => log.deleteRecordsBefore(91), isKafkaError('OFFSET_OUT_OF_RANGE'));
    assert.equal(log.deleteRecordsBefore(40), 40);
    assert.ok(readdirSync(dir).filter((f) => f.endsWith('.log')).length < segmentsBefore);
    assert.throws(() => log.read(39, 1000), isKafkaError('OFFSET_OUT_OF_RANGE'));
    assert.equal((await readAll(log))[0].offset, 40);
    assert.equal(log.deleteRecordsBefore(10), 40, 'the log start never moves back');
    await log.close();
    const reopened = PartitionLog.open(dir, config);
    assert.equal(reopened.logStartOffset, 40);
    assert.equal(reopened.append([numbered(30)]).logStartOffset, 40);
    await reopened.close();
  });

  test('batches that break the log\'s rules are refused with Kafka error codes and nothing is written', async () => {
    const log = PartitionLog.open(temp.make(), logConfig({ 'max.message.bytes': 500 }));
    assert.throws(() => log.append([testBatchOfSize(5, 200)]), isKafkaError('MESSAGE_TOO_LARGE'));
    assert.throws(() => log.append([numbered(0).subarray(0, 70)]), isKafkaError('CORRUPT_MESSAGE'));
    const lying = numbered(0);
    lying.writeInt32BE(7, 23); // lastOffsetDelta 7 for 3 records
    assert.throws(() => log.append([lying]), isKafkaError('INVALID_RECORD'));
    assert.throws(() => log.append([]), isKafkaError('CORRUPT_MESSAGE'));
    assert.equal(log.logEndOffset, 0);
    await log.close();
    assert.throws(() => log.append([numbered(0)]), isKafkaError('NOT_LEADER_FOR_PARTITION'));
  });

  test('an idempotent retry is answered with its original offsets, also after a clean reopen', async () => {
    const dir = temp.make();
    const log = PartitionLog.open(dir, logConfig());
    const send = (l: PartitionLog, seq: number) => l.append([numbered(seq, { producerId: 77, producerEpoch: 1, baseSequence: seq * 3 })]);
    for (let seq = 0; seq < 4; seq++) send(log, seq);
    log.append([numbered(99)]);
    assert.equal(send(log, 2).baseOffset, 6);
    assert.equal(log.logEndOffset, 15, 'the duplicate was not written');
    assert.throws(() => send(log, 6), isKafkaError('OUT_OF_ORDER_SEQUENCE_NUMBER'));
    assert.throws(() => log.append([numbered(4, { producerId: 77, producerEpoch: 0, baseSequence: 12 })]), isKafkaError('INVALID_PRODUCER_EPOCH'));
    await log.close();
    const reopened = PartitionLog.open(dir, logConfig());
    assert.deepEqual(send(reopened, 3), { baseOffset: 9, lastOffset: 11, logAppendTime: -1, logStartOffset: 0 });
    assert.equal(send(reopened, 4).baseOffset, 15);
    await reopened.close();
  });
});
