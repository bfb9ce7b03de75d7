import type { AvroRecordSchema } from './avro-schema-types';

export type ReadMode = 'full' | 'incremental';

/** One field of a stream as the source names it, and the record field it becomes. */
export interface StreamField {
  /** The name in the source: a column, a CSV header, a JSON key. `cursorField` and `keyField` use it. */
  readonly sourceName: string;
  /** The record's field name: `sourceName` made a valid Avro name ('Inv Date' -> 'Inv_Date'). */
  readonly name: string;
  /** The source's type as it calls it ('numeric(12,2)', 'datetime(6)', 'text'), for people. */
  readonly sourceType: string;
  readonly nullable: boolean;
  /** Whether it can be a cursor or a key: it orders exactly and binds back as text. */
  readonly orderable: boolean;
}

/** A stream the source offers: what `read({ stream })` takes and the schema of its records. */
export interface DiscoveredStream {
  /** Pass it back as `ReadOptions.stream`: 'public.orders', a query's name, a folder path. */
  readonly name: string;
  /** Avro record schema of its records (fields in `fields` order). */
  readonly schema: AvroRecordSchema;
  readonly fields: readonly StreamField[];
  /** Source names of the primary key, in key order; empty when there is none or it is not known. */
  readonly primaryKey: readonly string[];
  /** The modes `read()` supports on it. */
  readonly modes: readonly ReadMode[];
}
