/**
 * `partition.checkpoint`: the two offsets of a partition that its segment files cannot tell.
 * - logStartOffset: raised by DeleteRecords and retention, possibly inside a segment that stays.
 * - recoveryPoint: base offset of the first segment not yet sealed. Segments below it (log and
 *   indexes fsynced) are trusted after a crash; it and later ones are validated batch by batch.
 * Losing an update in a crash is safe: an older recovery point only means more to validate.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './durable-write';

export interface PartitionCheckpoint {
  readonly logStartOffset: number;
  readonly recoveryPoint: number;
}

const FILE = 'partition.checkpoint';

export function readPartitionCheckpoint(dir: string): PartitionCheckpoint {
  const path = join(dir, FILE);
  if (!existsSync(path)) return { logStartOffset: 0, recoveryPoint: 0 };
  const json = JSON.parse(readFileSync(path, 'utf8')) as PartitionCheckpoint;
  return { logStartOffset: Number(json.logStartOffset) || 0, recoveryPoint: Number(json.recoveryPoint) || 0 };
}

export function writePartitionCheckpoint(dir: string, checkpoint: PartitionCheckpoint): void {
  writeFileAtomic(join(dir, FILE), JSON.stringify(checkpoint));
}
