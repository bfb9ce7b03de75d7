import type { TaxResultDocument } from '@tributary/persistence';
import type { IHeaders } from 'kafkajs';

/**
 * One result to store, with where it was read from (the store orders versions with it) and the
 * record as it came (a topic sink forwards it byte for byte, so its schema id stays valid).
 */
export interface ResultToStore {
  /** The record key as text: the order key a tombstone deletes. */
  readonly key: string | null;
  /** Null for a tombstone on `<p>.results`: the order's result is withdrawn. */
  readonly result: TaxResultDocument | null;
  readonly keyBytes: Buffer | null;
  /** The value as received, Confluent framing included; null for a tombstone. */
  readonly payload: Buffer | null;
  readonly headers: IHeaders;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** The record's `tributary-source-offset` header. */
  readonly sourceOffset?: string;
}

/**
 * A place results are upserted into by (tenant, pipeline, order key). `write` resolves with the
 * results the store refused for good (index in the batch, the store's reason): everything else
 * is stored, or skipped because the store holds a newer version. It throws
 * StoreUnavailableError when trying the same batch again later may succeed. What a store does
 * with a tombstone is its own: a sink table deletes the key, a topic forwards it, the platform
 * store and MongoDB pass over it.
 */
export interface ResultStore {
  /** For logs and metrics: 'postgres', 'mongodb:tributary.tax_results'. */
  readonly name: string;
  write(tenant: string, pipeline: string, batch: readonly ResultToStore[]): Promise<Map<number, string>>;
}

/** The store cannot take writes now (down, overloaded, failing over): the batch waits and is tried again. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';

  constructor(
    readonly store: string,
    cause: unknown,
  ) {
    super(`${store} cannot take writes now: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
