import { randomFillSync } from 'node:crypto';

/**
 * W3C Trace Context `traceparent` (https://www.w3.org/TR/trace-context/#traceparent-header):
 *
 *   version "-" trace-id "-" parent-id "-" trace-flags
 *   00      -  32 hex     -  16 hex      -  2 hex        (lower case; ids not all zeros)
 *
 * A record carries it from source to result so its trace spans every hop. Version ff is invalid;
 * a higher version than 00 is read by its first four fields (the spec's forward compatibility:
 * later versions may only append `-`-separated fields).
 */
const VERSION_00 = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const LATER_VERSION = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ZERO_TRACE = '0'.repeat(32);
const ZERO_PARENT = '0'.repeat(16);

export interface TraceParent {
  readonly traceId: string;
  readonly parentId: string;
  readonly flags: string;
}

/** The fields of a traceparent, or undefined when it is malformed (the spec says: ignore it). */
export function parseTraceparent(text: string): TraceParent | undefined {
  let fields: string[] | undefined;
  const v00 = VERSION_00.exec(text);
  if (v00) fields = v00.slice(1, 4);
  else {
    const later = LATER_VERSION.exec(text);
    if (later && later[1] !== '00' && later[1] !== 'ff') fields = later.slice(2, 5);
  }
  if (fields === undefined) return undefined;
  const [traceId, parentId, flags] = fields;
  if (traceId === ZERO_TRACE || parentId === ZERO_PARENT) return undefined;
  return { traceId, parentId, flags };
}

export function formatTraceparent({ traceId, parentId, flags }: TraceParent): string {
  return `00-${traceId}-${parentId}-${flags}`;
}

// Random ids are cut from 4 KiB of entropy drawn at a time: every record gets a new parent id at
// every hop, and a randomBytes call per id (a syscall and a buffer each) cost the connector
// runner 6% of its CPU. Trace ids are not secrets; the bytes are as random either way.
const entropy = Buffer.allocUnsafe(4096);
let entropyUsed = entropy.length;

/** `bytes` random bytes as lower-case hex, never all zeros (the spec's invalid id). */
function randomId(bytes: number): string {
  for (;;) {
    if (entropyUsed + bytes > entropy.length) {
      randomFillSync(entropy);
      entropyUsed = 0;
    }
    const id = entropy.toString('hex', entropyUsed, entropyUsed + bytes);
    entropyUsed += bytes;
    if (id !== ZERO_TRACE && id !== ZERO_PARENT) return id;
  }
}

/** A traceparent that starts a new trace (sampled), for a record that enters the platform without one. */
export function newTraceparent(): string {
  return formatTraceparent({ traceId: randomId(16), parentId: randomId(8), flags: '01' });
}

/**
 * The traceparent of the next hop: same trace and flags, a new parent id. A stage that writes a
 * record derived from one it read passes this on, so the two are one trace with two spans.
 */
export function childTraceparent(parent: string): string {
  const parsed = parseTraceparent(parent);
  if (parsed === undefined) return newTraceparent();
  return formatTraceparent({ ...parsed, parentId: randomId(8) });
}
