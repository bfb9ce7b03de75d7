import { ByteWriter, ParquetWriter, type SchemaElement } from 'hyparquet-writer';
import type { ResultRecord } from '@tributary/persistence';
import type { DownloadFormat } from './download-format';
import { EXPORT_COLUMNS, type ExportColumn } from './export-columns';

/**
 * Rows per Parquet row group. A row group is the unit a reader skips or reads, so bigger is
 * better for readers; it is also what this process holds at once (the group's records plus its
 * encoded columns), so 10,000 rows of about 2 KB keeps one download to some tens of MB.
 */
export const ROW_GROUP_ROWS = 10_000;

/** Flushes what it holds as a chunk when it passes this size, even inside a row group. */
const CHUNK_BYTES = 1 << 20;

/**
 * hyparquet-writer's ParquetWriter writes a file incrementally (header, then one row group per
 * `write`, then the footer from `finish`) into a Writer, calling `flush()` after each row group.
 * This Writer hands everything written so far to the download as a chunk at each flush (and when
 * a chunk passes 1 MiB, as hyparquet-writer's own file writer does) and starts again at index
 * 0, while `offset` (what the footer's column offsets are computed from) keeps counting the
 * whole file. So the file streams out as it is written; no temp file, no whole-file buffer.
 */
class ChunkingWriter extends ByteWriter {
  private chunks: Buffer[] = [];

  override ensure(size: number): void {
    if (this.index > CHUNK_BYTES) this.flush();
    super.ensure(size);
  }

  flush(): void {
    if (this.index === 0) return;
    this.chunks.push(Buffer.from(this.buffer.slice(0, this.index)));
    this.index = 0;
  }

  override finish(): void {
    this.flush();
  }

  /** The chunks completed since the last call. */
  take(): Buffer[] {
    const taken = this.chunks;
    this.chunks = [];
    return taken;
  }
}

const PARQUET_ELEMENT: Record<ExportColumn['kind'], Omit<SchemaElement, 'name' | 'repetition_type'>> = {
  string: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
  decimal: { type: 'INT64', converted_type: 'DECIMAL', scale: 4, precision: 18, logical_type: { type: 'DECIMAL', scale: 4, precision: 18 } },
  timestamp: { type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' } },
  integer: { type: 'INT64' },
  json: { type: 'BYTE_ARRAY', converted_type: 'JSON' },
};

const SCHEMA: SchemaElement[] = [
  { name: 'root', num_children: EXPORT_COLUMNS.length },
  ...EXPORT_COLUMNS.map((c) => ({ name: c.name, repetition_type: c.nullable ? ('OPTIONAL' as const) : ('REQUIRED' as const), ...PARQUET_ELEMENT[c.kind] })),
];

/** "24.75" -> 247500n: decimal(18,4) as its unscaled integer, exactly (no float on the way). */
export function unscaledDecimal(text: string, scale = 4): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match || (match[3]?.length ?? 0) > scale) throw new Error(`'${text}' is not a decimal with at most ${scale} decimals`);
  const unscaled = BigInt(match[2] + (match[3] ?? '').padEnd(scale, '0'));
  return match[1] ? -unscaled : unscaled;
}

function parquetValue(column: ExportColumn, record: ResultRecord): unknown {
  const value = column.value(record);
  if (value === null) return null;
  switch (column.kind) {
    case 'decimal':
      return unscaledDecimal(String(value));
    case 'timestamp':
      return new Date(String(value));
    case 'integer':
      return BigInt(value as string | number);
    default:
      return value;
  }
}

export const PARQUET_FORMAT: DownloadFormat = {
  contentType: 'application/vnd.apache.parquet',
  extension: 'parquet',
  async *encode(batches) {
    const sink = new ChunkingWriter(CHUNK_BYTES);
    const file = new ParquetWriter({ writer: sink, schema: SCHEMA, codec: 'SNAPPY', createdBy: 'tributary results download' });
    const writeGroup = (group: ResultRecord[]) =>
      file.write({
        columnData: EXPORT_COLUMNS.map((column) => ({ name: column.name, data: group.map((record) => parquetValue(column, record)) })),
        rowGroupSize: group.length,
      });
    let group: ResultRecord[] = [];
    for await (const batch of batches) {
      for (const record of batch) group.push(record);
      if (group.length >= ROW_GROUP_ROWS) {
        await writeGroup(group);
        group = [];
      }
      yield* sink.take();
    }
    if (group.length > 0) await writeGroup(group);
    await file.finish();
    sink.finish();
    yield* sink.take();
  },
};
