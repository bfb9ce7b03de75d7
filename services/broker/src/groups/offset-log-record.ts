import { crc32c } from '@node-rs/crc32';
import type { OffsetCommitRecord } from './offset-store';

/**
 * The offset log's record framing:
 *
 *   record  => length:uint32 checksum:uint32 payload
 *   length  => bytes in payload
 *   checksum=> CRC-32C of payload (the checksum Kafka's record batches use)
 *   payload => UTF-8 JSON: a commit {g, t, p, o, e, m, ts} or a group deletion {g, deleted: true}
 *
 * JSON keeps the file readable with `strings`; offsets commit at most a few thousand times a
 * second, far from where encoding cost matters. A record that is cut short or fails its
 * checksum ends the log: everything after it was written after it, so it is a torn tail.
 */
export type OffsetLogEntry =
  | { readonly kind: 'commit'; readonly record: OffsetCommitRecord }
  | { readonly kind: 'deleteGroup'; readonly groupId: string };

const HEADER_BYTES = 8;

export function encodeOffsetLogEntry(entry: OffsetLogEntry): Buffer {
  const body = entry.kind === 'deleteGroup' ? { g: entry.groupId, deleted: true } : commitBody(entry.record);
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  const frame = Buffer.allocUnsafe(HEADER_BYTES + payload.length);
  frame.writeUInt32BE(payload.length, 0);
  frame.writeUInt32BE(crc32c(payload), 4);
  payload.copy(frame, HEADER_BYTES);
  return frame;
}

function commitBody(r: OffsetCommitRecord): Record<string, unknown> {
  return { g: r.groupId, t: r.topic, p: r.partition, o: r.offset, e: r.leaderEpoch, m: r.metadata, ts: r.commitTimestamp };
}

/** Decodes records up to the first incomplete or corrupt one; `validLength` is where it starts. */
export function decodeOffsetLog(buf: Buffer): { entries: OffsetLogEntry[]; validLength: number } {
  const entries: OffsetLogEntry[] = [];
  let pos = 0;
  while (pos + HEADER_BYTES <= buf.length) {
    const length = buf.readUInt32BE(pos);
    const end = pos + HEADER_BYTES + length;
    if (end > buf.length) break;
    const payload = buf.subarray(pos + HEADER_BYTES, end);
    if (crc32c(payload) !== buf.readUInt32BE(pos + 4)) break;
    const entry = parsePayload(payload);
    if (!entry) break;
    entries.push(entry);
    pos = end;
  }
  return { entries, validLength: pos };
}

function parsePayload(payload: Buffer): OffsetLogEntry | undefined {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(payload.toString('utf8'));
  } catch {
    return undefined;
  }
  const { g, t, p, o, e, m, ts, deleted } = body ?? {};
  if (typeof g !== 'string') return undefined;
  if (deleted === true) return { kind: 'deleteGroup', groupId: g };
  if (typeof t !== 'string' || typeof p !== 'number' || typeof o !== 'number') return undefined;
  if (typeof e !== 'number' || typeof m !== 'string' || typeof ts !== 'number') return undefined;
  return {
    kind: 'commit',
    record: { groupId: g, topic: t, partition: p, offset: o, leaderEpoch: e, metadata: m, commitTimestamp: ts },
  };
}
