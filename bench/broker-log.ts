/**
 * The broker's partition log alone (no network): appends 1,000,000 records of 200 bytes in
 * batches of 1,000 with a flush (fdatasync) every 8 batches, as acks=-1 producers would,
 * then reads everything back in 1 MiB fetches, as a consumer would.
 *
 *   npm run bench -- broker-log [records] [batchSize] [valueBytes]
 *
 * Every append reuses one prebuilt batch (the log rewrites its baseOffset in place), so the
 * figures are the log's cost, not the cost of building batches. The data goes to a temporary
 * directory under os.tmpdir(), removed at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fdatasyncAsync } from '../services/broker/src/log/durable-write';
import { DEFAULT_LOG_CONFIG } from '../services/broker/src/log/log-config';
import { PartitionLog } from '../services/broker/src/log/partition-log';
import { testBatchOfSize } from '../services/broker/src/log/test-batch';

const records = Number(process.argv[2] ?? 1_000_000);
const batchSize = Number(process.argv[3] ?? 1_000);
const valueBytes = Number(process.argv[4] ?? 200);
const batchesPerFlush = 8;
const fetchBytes = 1 << 20;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tributary-bench-log-'));
  let fsyncs = 0;
  const log = PartitionLog.open(dir, DEFAULT_LOG_CONFIG, {
    fsync: (fd) => {
      fsyncs++;
      return fdatasyncAsync(fd);
    },
  });
  try {
    const batch = testBatchOfSize(batchSize, valueBytes);
    const batches = Math.ceil(records / batchSize);
    const writeStart = process.hrtime.bigint();
    for (let i = 0; i < batches; i++) {
      log.append([batch]);
      if ((i + 1) % batchesPerFlush === 0 || i === batches - 1) await log.flush();
    }
    const writeSeconds = Number(process.hrtime.bigint() - writeStart) / 1e9;
    const bytesWritten = log.sizeInBytes;

    const readStart = process.hrtime.bigint();
    let offset = 0;
    let bytesRead = 0;
    while (offset < log.highWatermark) {
      const bytes = log.read(offset, fetchBytes);
      bytesRead += bytes.length;
      let last = 0;
      for (let pos = 0; pos < bytes.length; pos += bytes.readInt32BE(pos + 8) + 12) last = pos;
      offset = Number(bytes.readBigInt64BE(last)) + bytes.readInt32BE(last + 23) + 1;
    }
    const readSeconds = Number(process.hrtime.bigint() - readStart) / 1e9;

    const total = batches * batchSize;
    const mb = (bytes: number) => bytes / 1e6;
    console.log(`settings: ${total} records of ${valueBytes} B values in batches of ${batchSize} (${batch.length} B each), flush every ${batchesPerFlush} batches, fetches of ${fetchBytes} B, dir ${dir}`);
    console.log(`append+flush: ${(total / writeSeconds).toFixed(0)} records/s, ${(mb(bytesWritten) / writeSeconds).toFixed(1)} MB/s (${writeSeconds.toFixed(2)} s, ${fsyncs} fsyncs)`);
    console.log(`read:         ${(total / readSeconds).toFixed(0)} records/s, ${(mb(bytesRead) / readSeconds).toFixed(1)} MB/s (${readSeconds.toFixed(2)} s, ${mb(bytesRead).toFixed(1)} MB)`);
    if (offset !== total) throw new Error(`read back ${offset} offsets, expected ${total}`);
  } finally {
    await log.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
