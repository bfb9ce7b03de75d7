import type { CheckResult } from '@tributary/connectors';
import type { z } from 'zod';

/**
 * The sink side of the connector contract, as this first sink needs it (the source side is
 * connectors/contract's SourceConnector). It belongs in connectors/contract once a second sink
 * exists; until then it lives with its one implementation.
 *
 * A sink keeps a connection pool open between writes (unlike sources, which open one per read),
 * so `connect` hands back a writer. Batching, retries and backoff live in the runtime: `write`
 * either settles the whole batch (each record written, skipped as older, or rejected for good)
 * or throws a ConnectorError whose `retriable` says whether trying the batch again can help.
 */
export interface SinkConnector<Config, Secrets> {
  readonly name: string;
  readonly description: string;
  /** Where to write, as a pipeline's sink entry says it; every field with description, example, default. */
  readonly configSchema: z.ZodType<Config>;
  /** How to connect; secret fields are writeOnly. */
  readonly secretsSchema: z.ZodType<Secrets>;
  /** Can the store be reached and written with these? Never throws; the reason never holds a secret. */
  check(config: Config, secrets: Secrets): Promise<CheckResult>;
  /** Connects and prepares the destination (indexes); throws ConnectorError. */
  connect(config: Config, secrets: Secrets): Promise<SinkWriter>;
}

export interface SinkWriter {
  /** Upserts the batch by (tenant, pipeline, key); idempotent, so a redelivered batch is harmless. */
  write(batch: readonly SinkRecord[]): Promise<SinkWriteOutcome>;
  close(): Promise<void>;
}

/** One record to upsert: its identity, its version, where it was read, and what to store. */
export interface SinkRecord {
  readonly tenant: string;
  readonly pipeline: string;
  /** The record key the pipeline chose (an order id). */
  readonly key: string;
  /** The version of the keyed entity (TaxResult.orderUpdatedAt): a newer one replaces an older one, never the reverse. */
  readonly version: Date;
  /**
   * Where the record was read. Among records of one version, the one at the later offset of the
   * same partition wins, so a replay of older offsets never rolls back a later calculation; the
   * same record delivered again rewrites what is there.
   */
  readonly position: { readonly topic: string; readonly partition: number; readonly offset: string };
  readonly document: Readonly<Record<string, unknown>>;
}

export interface SinkWriteOutcome {
  /** Records inserted or replaced (a redelivered record rewritten counts here). */
  readonly written: number;
  /** Records left alone because a newer version (or a later offset of the same version) is stored. */
  readonly skippedOlder: number;
  /** Records the store refused for good (too large, invalid): indices into the batch, with the store's reason. */
  readonly rejected: readonly { readonly index: number; readonly reason: string }[];
}
