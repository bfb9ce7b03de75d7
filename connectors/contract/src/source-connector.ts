import type { z } from 'zod';
import type { AvroRecordSchema } from './avro-schema-types';
import type { CheckResult } from './connector-error';
import type { DiscoveredStream, ReadMode } from './discovered-stream';
import type { SourceBatch } from './source-batch';
import type { SourceCursor } from './source-cursor';

/**
 * What the runtime, not the pipeline's author, decides for every call. A tenant writes the
 * config; the runtime sets these.
 */
export interface ConnectorContext {
  /**
   * The folder file sources are confined to (the tenant's drop area): a configured path is
   * resolved inside it and may not leave it, symlinks included. Absent: paths are taken as
   * given, for single-user embedded runs and tests.
   */
  readonly fileRoot?: string;
}

export interface ReadOptions extends ConnectorContext {
  /** A `DiscoveredStream.name`. */
  readonly stream: string;
  /**
   * 'full' reads everything; 'incremental' reads rows past `cursor` in (cursorField, keyField)
   * order. In both, a given `cursor` resumes an interrupted read where it stopped: pass the last
   * committed cursor to resume or to continue incrementally, none to start a full read afresh.
   */
  readonly mode: ReadMode;
  /** Incremental: the source field whose values only grow (updated_at). */
  readonly cursorField?: string;
  /**
   * The unique key (order_id): the tie-breaker among rows sharing a cursor value, required in
   * incremental mode; in full mode it makes the read resumable. Names as in StreamField.sourceName.
   */
  readonly keyField?: string;
  /**
   * The stream's schema as the runtime registered it (a DiscoveredStream.schema). Sources whose
   * schema is inferred from the data (files) make every record fit it, and a row that cannot
   * (a column that appeared since discover()) becomes an invalid row rather than a field
   * dropped without a word. Sources with a catalog (databases) take their schema from it.
   */
  readonly schema?: AvroRecordSchema;
  /** Where to resume: a cursor a previous batch of this stream carried. */
  readonly cursor?: SourceCursor;
  /** Rows per batch, at most; the runtime chooses it. */
  readonly batchSize: number;
  /**
   * Aborting stops the read promptly (an in-flight query is cancelled, the connection closed):
   * the iterator then throws the signal's reason.
   */
  readonly signal?: AbortSignal;
}

/**
 * A source connector: one folder under connectors/, one object like this exported from its
 * main file, one line in connectors/registry. Stateless between calls: every call opens what
 * it needs and closes it before returning (read: when iteration ends, also by break or abort).
 * Batching happens here because the source pages; retries, backoff and storing cursors happen
 * in the runtime.
 */
export interface SourceConnector<Config = unknown, Secrets = unknown> {
  /** The registered name, as a pipeline's `source.connector` says it: 'postgres', 'file'. */
  readonly name: string;
  /** One sentence for the console and the docs. */
  readonly description: string;
  /**
   * What to read and how, as the pipeline's author writes it. Every field carries a
   * description and an example (zod `.meta()`), and a default where it has one: the console's
   * forms and the docs come from its JSON Schema (see `connectorSpec`).
   */
  readonly configSchema: z.ZodType<Config>;
  /** How to connect, as stored in the encrypted secret store; secret fields are `writeOnly`. */
  readonly secretsSchema: z.ZodType<Secrets>;
  /** Can the source be reached and read with these? Never throws; the reason never holds a secret. */
  check(config: Config, secrets: Secrets, context?: ConnectorContext): Promise<CheckResult>;
  /** The streams the source offers with their schemas. Throws ConnectorError. */
  discover(config: Config, secrets: Secrets, context?: ConnectorContext): Promise<DiscoveredStream[]>;
  /**
   * The stream's rows in batches of at most `batchSize`, each with the cursor after it. Pulled,
   * never pushed: nothing is read ahead of what the runtime asked for, so a table or file of
   * any size streams in bounded memory. A bad row is an InvalidRow in its batch; anything that
   * stops the read is a ConnectorError thrown by the iterator.
   */
  read(config: Config, secrets: Secrets, options: ReadOptions): AsyncIterable<SourceBatch>;
  /** Releases what the connector keeps between calls (nothing, for a stateless one); at shutdown. */
  close(): Promise<void>;
}
