/**
 * Test-only: temporary directories and reads used by the log's specs.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LOG_CONFIG, type LogConfig } from './log-config';
import { type PartitionLog } from './partition-log';
import { type DecodedRecord, decodeWithKafkajs } from './test-batch';

export function logConfig(overrides: Partial<LogConfig> = {}): LogConfig {
  return { ...DEFAULT_LOG_CONFIG, ...overrides };
}

/** Temporary directories under os.tmpdir(), removed by `cleanup()` (call it in an `after` hook). */
export class TempDirs {
  private readonly dirs: string[] = [];

  make(): string {
    const dir = mkdtempSync(join(tmpdir(), 'tributary-log-'));
    this.dirs.push(dir);
    return dir;
  }

  /**
   * What a crash would leave on disk right now: the files as they are in the page cache,
   * without the clean-shutdown marker or anything a close would write.
   */
  crashCopy(dir: string): string {
    const copy = this.make();
    cpSync(dir, copy, { recursive: true });
    return copy;
  }

  cleanup(): void {
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

/** Every record from `from` up to the high watermark, read `maxBytes` at a time and decoded by kafkajs. */
export async function readAll(log: PartitionLog, from = log.logStartOffset, maxBytes = 1 << 20): Promise<DecodedRecord[]> {
  const records: DecodedRecord[] = [];
  let offset = from;
  while (offset < log.highWatermark) {
    const bytes = log.read(offset, maxBytes);
    if (bytes.length === 0) break;
    const decoded = (await decodeWithKafkajs(bytes)).filter((r) => r.offset >= offset);
    records.push(...decoded);
    offset = nextOffsetAfter(bytes);
  }
  return records;
}

function lastBatchStart(bytes: Buffer): number {
  let pos = 0;
  let last = 0;
  while (pos < bytes.length) {
    last = pos;
    pos += bytes.readInt32BE(pos + 8) + 12;
  }
  return last;
}

/** One past the last offset of the last batch (baseOffset + lastOffsetDelta + 1). */
function nextOffsetAfter(bytes: Buffer): number {
  const last = lastBatchStart(bytes);
  return Number(bytes.readBigInt64BE(last)) + bytes.readInt32BE(last + 23) + 1;
}
