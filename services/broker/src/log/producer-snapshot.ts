/**
 * Producer-state snapshots, `<offset, 20 digits>.snapshot`: the ProducerStateTable as of
 * `offset` (every batch below it applied, none above), as JSON. Written when a segment rolls
 * and on clean close, so opening a log replays the batch headers after the latest snapshot
 * instead of the whole log (Kafka's ProducerStateManager snapshots, same idea).
 *
 * Written with a rename but no fsync: a snapshot lost or torn by a crash is skipped (an older
 * one, or a full header scan, rebuilds the same state), and one pointing past the recovered
 * end of the log is deleted, so a snapshot is never trusted for batches that are gone.
 */
import { readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProducerStateTable } from './producer-state';
import { segmentFileName } from './segment';

const SUFFIX = '.snapshot';
/** Two, in case the newest points past the end of a log that recovery truncated. */
const SNAPSHOTS_KEPT = 2;

export function writeProducerSnapshot(dir: string, offset: number, table: ProducerStateTable): void {
  const path = join(dir, segmentFileName(offset, SUFFIX));
  writeFileSync(`${path}.tmp`, JSON.stringify({ offset, producers: table.toJSON() }));
  renameSync(`${path}.tmp`, path);
  for (const old of snapshotOffsets(dir).slice(SNAPSHOTS_KEPT)) unlinkSync(join(dir, segmentFileName(old, SUFFIX)));
}

/** The newest readable snapshot at or below `maxOffset`, after deleting the ones above it. */
export function loadProducerSnapshot(dir: string, maxOffset: number): { offset: number; table: ProducerStateTable } | null {
  for (const offset of snapshotOffsets(dir)) {
    const path = join(dir, segmentFileName(offset, SUFFIX));
    if (offset > maxOffset) {
      unlinkSync(path);
      continue;
    }
    try {
      const json = JSON.parse(readFileSync(path, 'utf8')) as { offset: number; producers: Parameters<typeof ProducerStateTable.fromJSON>[0] };
      if (json.offset === offset && Array.isArray(json.producers)) return { offset, table: ProducerStateTable.fromJSON(json.producers) };
    } catch {
      // torn by a crash: fall through to an older one
    }
  }
  return null;
}

/** Newest first. */
function snapshotOffsets(dir: string): number[] {
  return readdirSync(dir)
    .filter((name) => /^\d{20}\.snapshot$/.test(name))
    .map((name) => Number(name.slice(0, 20)))
    .sort((a, b) => b - a);
}
