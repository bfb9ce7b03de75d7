import type { FetchResponse } from './types';

/**
 * An upper bound on a fetch response body's size, for any version v4..v11. Passing it as the
 * encoder's initial size (encodeResponseFrame's `initialSize`, plus 8 for the frame header)
 * means the records are copied exactly once, instead of again each time the buffer doubles.
 */
export function fetchResponseSizeHint(res: FetchResponse): number {
  let size = 4 + 2 + 4 + 4; // throttle, error_code, session_id, topic count
  for (const t of res.topics) {
    size += 2 + Buffer.byteLength(t.name) + 4;
    for (const p of t.partitions) {
      // index, error, 3 offsets, aborted count, preferred replica, records length
      size += 4 + 2 + 8 * 3 + 4 + 4 + 4;
      size += (p.abortedTransactions?.length ?? 0) * 16;
      size += p.records?.length ?? 0;
    }
  }
  return size;
}
