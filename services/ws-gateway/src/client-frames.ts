import { resourceName } from '@tributary/pipeline-spec';
import { z } from 'zod';

/**
 * What a client may send, one JSON object per websocket text frame (see README.md). Parsed with
 * one schema; a frame that does not parse is answered with an error frame naming the fault, and
 * the connection lives on.
 */
const offset = z.union([z.string().regex(/^-?\d{1,19}$/), z.number().int().min(-1)]).transform((v) => BigInt(v));

const subscribe = z.strictObject({
  type: z.literal('subscribe'),
  pipeline: resourceName,
  /** Default: the caller's own tenant. Only a platform admin may name another. */
  tenant: resourceName.optional(),
  /** The last offset seen per partition ("0": "41"): delivery resumes right after each. */
  after: z.record(z.string().regex(/^\d{1,6}$/, 'partition numbers'), offset).optional(),
  /** Where partitions not in `after` start: only what arrives from now on (default), or everything retained. */
  from: z.enum(['latest', 'earliest']).default('latest'),
});

const unsubscribe = z.strictObject({ type: z.literal('unsubscribe'), pipeline: resourceName, tenant: resourceName.optional() });
const auth = z.strictObject({ type: z.literal('auth'), token: z.string().min(1).max(4096) });
const ping = z.strictObject({ type: z.literal('ping'), id: z.union([z.string().max(64), z.number()]).optional() });

const clientFrame = z.discriminatedUnion('type', [subscribe, unsubscribe, auth, ping]);

export type ClientFrame = z.output<typeof clientFrame>;
export type SubscribeFrame = z.output<typeof subscribe>;

/** The frame, or the reason it is not one: `path: message` for each fault. */
export function parseClientFrame(text: string): ClientFrame | { fault: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { fault: 'a frame must be one JSON object' };
  }
  const parsed = clientFrame.safeParse(json);
  if (parsed.success) return parsed.data;
  return { fault: parsed.error.issues.map((i) => `${i.path.join('.') || '(frame)'}: ${i.message}`).join('; ') };
}

/** Error codes of `{type: 'error'}` frames. */
export type ErrorCode = 'bad-frame' | 'unauthenticated' | 'forbidden' | 'not-found' | 'unavailable';
