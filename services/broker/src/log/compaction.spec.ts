import assert from 'node:assert/strict';
import { readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { readBatchHeader } from './batch-header';
import { type LogConfig } from './log-config';
import { logConfig, readAll, TempDirs } from './log-test-support';
import { PartitionLog } from './partition-log';
import { type TestRecord, testBatch } from './test-batch';

const temp = new TempDirs();
after(() => temp.cleanup());

const T0 = 1_700_000_000_000;
const compacted = (overrides: Partial<LogConfig> = {}): LogConfig =>
  logConfig({ 'cleanup.policy': ['compact'], 'segment.bytes': 400, 'delete.retention.ms': 60_000, ...overrides });

/** Appends one record per batch (key, value, timestamp T0 + i), returns each record's offset. */
function write(log: PartitionLog, records: ReadonlyArray<readonly [string | null, string | null]>, options = {}): number[] {
  return records.map(([key, value], i) => log.append([testBatch([{ key, value, timestamp: T0 + i }], options)]).baseOffset);
}

/** Fills the active segment with other keys so the records before are in sealed segments. */
async function sealEverything(log: PartitionLog): Promise<void> {
  const firstFiller = log.logEndOffset;
  while (log.logEndOffset - firstFiller < 20) log.append([testBatch([{ key: `filler-${log.logEndOffset}`, value: 'x', timestamp: T0 }])]);
  await log.flush();
}

describe('compaction', () => {
  test('keeps the latest record of each key at its original offset, leaving gaps', async () => {
    const log = PartitionLog.open(temp.make(), compacted());
    const updates: Array<[string, string]> = [];
    for (let round = 0; round < 6; round++) for (const key of ['a', 'b', 'c']) updates.push([key, `${key}${round}`]);
    const offsets = write(log, updates);
    await sealEverything(log);
    const before = await readAll(log);
    const result = log.maintain(T0 + 1000);
    assert.ok(result.compactedSegments > 0);
    const after = await readAll(log);
    const latest = (key: string) => offsets[updates.map(([k]) => k).lastIndexOf(key)];
    const survivors = after.filter((r) => ['a', 'b', 'c'].includes(r.key as string));
    assert.deepEqual(survivors.map((r) => [r.key, r.value, r.offset]), [
      ['a', 'a5', latest('a')],
      ['b', 'b5', latest('b')],
      ['c', 'c5', latest('c')],
    ]);
    // Every record that survived is byte-identical in content and offset to what was written.
    for (const r of after) assert.deepEqual(r, before.find((b) => b.offset === r.offset));
    assert.equal(log.logEndOffset, before.at(-1)!.offset + 1);
    await log.close();
  });

  test('a tombstone stays for delete.retention.ms after it was written, then goes', async () => {
    const log = PartitionLog.open(temp.make(), compacted());
    const [, , tombstone] = write(log, [['gone', 'v1'], ['kept', 'v'], ['gone', null]]);
    await sealEverything(log);
    log.maintain(T0 + 1000);
    assert.deepEqual((await readAll(log)).filter((r) => !r.key?.startsWith('filler')).map((r) => [r.key, r.value, r.offset]), [
      ['kept', 'v', 1],
      ['gone', null, tombstone],
    ]);
    log.maintain(T0 + 2 + 60_000 + 1);
    assert.deepEqual((await readAll(log)).filter((r) => !r.key?.startsWith('filler')).map((r) => r.key), ['kept']);
    await log.close();
  });

  test('segments younger than min.compaction.lag.ms are left alone', async () => {
    const log = PartitionLog.open(temp.make(), compacted({ 'min.compaction.lag.ms': 3_600_000 }));
    write(log, [['a', '1'], ['a', '2'], ['a', '3']]);
    await sealEverything(log);
    assert.equal(log.maintain(T0 + 1000).compactedSegments, 0);
    assert.equal((await readAll(log)).filter((r) => r.key === 'a').length, 3);
    assert.ok(log.maintain(T0 + 3_600_000 + 1000).compactedSegments > 0);
    assert.equal((await readAll(log)).filter((r) => r.key === 'a').length, 1);
    await log.close();
  });

  test('a fetch at an offset removed by compaction gets the next surviving batch', async () => {
    const log = PartitionLog.open(temp.make(), compacted());
    write(log, [['a', '1'], ['a', '2'], ['b', '1'], ['a', '3']]);
    await sealEverything(log);
    log.maintain(T0 + 1000);
    assert.equal(readBatchHeader(log.read(0, 1)).baseOffset, 2);
    assert.equal(readBatchHeader(log.read(1, 1)).baseOffset, 2);
    await log.close();
  });

  test('a producer\'s last batch keeps its header when its records go, so a retry is still recognised after a rebuild', async () => {
    const dir = temp.make();
    const log = PartitionLog.open(dir, compacted());
    const idempotent = { producerId: 31, producerEpoch: 0 };
    const first = log.append([testBatch([{ key: 'p', value: '1', timestamp: T0 }], { ...idempotent, baseSequence: 0 })]);
    log.append([testBatch([{ key: 'p', value: '2', timestamp: T0 }], { ...idempotent, baseSequence: 1 })]);
    write(log, [['p', 'plain overwrite']]);
    await sealEverything(log);
    log.maintain(T0 + 1000);
    assert.deepEqual((await readAll(log)).filter((r) => r.key === 'p').map((r) => r.value), ['plain overwrite']);
    const crashDir = temp.crashCopy(dir);
    await log.close();
    for (const f of readdirSync(crashDir)) if (f.endsWith('.snapshot')) unlinkSync(join(crashDir, f));
    const rebuilt = PartitionLog.open(crashDir, compacted());
    const retry = rebuilt.append([testBatch([{ key: 'p', value: '2', timestamp: T0 }], { ...idempotent, baseSequence: 1 })]);
    assert.equal(retry.baseOffset, first.baseOffset + 1, 'answered with the original offset, not written again');
    assert.throws(() => rebuilt.append([testBatch([{ key: 'p', value: '9' }], { ...idempotent, baseSequence: 5 })]), { type: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    await rebuilt.close();
  });

  test('compressed batches are kept byte for byte', async () => {
    const log = PartitionLog.open(temp.make(), compacted());
    const records: TestRecord[] = [{ key: 'z', value: 'old', timestamp: T0 }];
    // Attribute bit 0 claims gzip: the log must not try to read these records.
    const compressed = testBatch(records, { attributes: 1 });
    log.append([compressed]);
    write(log, [['z', 'new']]);
    await sealEverything(log);
    log.maintain(T0 + 1000);
    assert.deepEqual(log.read(0, 1), compressed);
    await log.close();
  });

  test('a compacted log reopens with the same content', async () => {
    const dir = temp.make();
    const log = PartitionLog.open(dir, compacted());
    write(log, [['a', '1'], ['b', '1'], ['a', '2'], ['b', null], ['c', '1']]);
    await sealEverything(log);
    log.maintain(T0 + 1000);
    const before = await readAll(log);
    await log.close();
    const reopened = PartitionLog.open(dir, compacted());
    assert.deepEqual(await readAll(reopened), before);
    await reopened.close();
  });
});
