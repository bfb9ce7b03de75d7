import type { ErrorReason } from '@tributary/avro';
import type { IHeaders } from 'kafkajs';
import type { RecordContext } from './record-headers';

/** A record as a stage's handler sees it: decoded, with its context and its raw bytes. */
export interface ConsumedRecord<T> {
  readonly topic: string;
  readonly partition: number;
  /** kafkajs's offset text; exact for every offset, unlike a number past 2^53. */
  readonly offset: string;
  readonly timestamp: string;
  /** The key as UTF-8 text (Tributary keys are the pipeline's record key); null if none. */
  readonly key: string | null;
  readonly keyBytes: Buffer | null;
  /** The decoded value; null for a tombstone. */
  readonly value: T | null;
  /** The value as received, Confluent framing included: what an ErrorRecord or a retry carries. */
  readonly payload: Buffer | null;
  readonly headers: IHeaders;
  readonly context: RecordContext;
  /** 1 on first delivery; 2, 3, ... when it came back through `<p>.retry`. */
  readonly attempt: number;
}

/** A reason as a handler gives it; `field` may be left out for a reason about the whole record. */
export type Reason = Omit<ErrorReason, 'field'> & { readonly field?: string | null };

/**
 * What a handler returns. Returning nothing means the record is done. Throwing means it failed
 * for good: it goes to `<p>.errors` and the partition moves on. The outcomes below are the other
 * ways a record can end, and keep retries and pauses in the runner, not in every stage.
 */
export type HandlerOutcome =
  /** Try again later through `<p>.retry` (a transient failure); errors once attempts run out. */
  | { readonly kind: 'retry'; readonly reasons: readonly Reason[]; readonly delayMs?: number }
  /** Not done: pause this partition and deliver this record again once resumed (back-pressure). */
  | { readonly kind: 'pause' }
  /** Done, and on purpose nothing goes on (a filter step dropped it): the runner treats it as done; run counts say filtered, not passed. */
  | { readonly kind: 'dropped' };

export type RecordHandler<T> = (record: ConsumedRecord<T>) => Promise<HandlerOutcome | void>;

/** Send the record to `<p>.retry`, due after `delayMs` (default: the runner's retry schedule). */
export function retryLater(reasons: Reason | readonly Reason[], delayMs?: number): HandlerOutcome {
  const list = Array.isArray(reasons) ? (reasons as readonly Reason[]) : [reasons as Reason];
  return delayMs === undefined ? { kind: 'retry', reasons: list } : { kind: 'retry', reasons: list, delayMs };
}

/** Pause the record's partition and redeliver this record after ConsumerRunner.resume. */
export const PAUSE_PARTITION: HandlerOutcome = Object.freeze({ kind: 'pause' });

/** The record is done and nothing of it goes on, on purpose (a filter dropped it). */
export const DROPPED: HandlerOutcome = Object.freeze({ kind: 'dropped' });
