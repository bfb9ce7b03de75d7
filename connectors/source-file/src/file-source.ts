import {
  ConnectorError,
  checkReadOptions,
  failedCheck,
  type AvroSchema,
  type DiscoveredStream,
  type InvalidRow,
  type ReadOptions,
  type SourceBatch,
  type SourceConnector,
  type SourceRecord,
} from '@tributary/connectors';
import { fileConfigSchema, fileSecretsSchema, type FileConfig, type FileSecrets } from './file-config';
import { fileError, listFiles, type FileEntry } from './file-folder';
import { progressOf, progressText, rowsAlreadyRead, type FileProgress } from './file-progress';
import { csvHeader, fileRows } from './file-rows';
import { fileText } from './file-text';
import { recordConformer } from './record-conformer';
import { RecordShape } from './record-shape';

/**
 * CSV, JSON and NDJSON files of a folder as one stream. Each file is checkpointed in the
 * cursor (its identity and the rows read), so a resumed or incremental read skips finished
 * files and continues a partial one where it stopped; new and changed files are read whole.
 * Files are streamed, a malformed row is an invalid row naming line and column, and the
 * read goes on.
 */
export const fileSource: SourceConnector<FileConfig, FileSecrets> = {
  name: 'file',
  description: 'CSV, JSON (an array of objects) and NDJSON files from a folder, each file checkpointed so a run reads only new files and the rest of a partly read one',
  configSchema: fileConfigSchema,
  secretsSchema: fileSecretsSchema,

  async check(config, _secrets, context) {
    try {
      await listFiles(config, context?.fileRoot);
      return { ok: true };
    } catch (error) {
      return failedCheck(error);
    }
  },

  async discover(config, _secrets, context) {
    const files = await listFiles(config, context?.fileRoot);
    return [await describe(config, files)];
  },

  read: readFiles,

  async close() {
    // Nothing is kept between calls.
  },
};

/** The stream: its schema inferred from the CSV headers and the first `sampleRows` JSON rows. */
async function describe(config: FileConfig, files: readonly FileEntry[]): Promise<DiscoveredStream> {
  const shape = new RecordShape();
  let sampled = 0;
  for (const file of files) {
    try {
      if (file.format === 'csv') {
        shape.addColumns((config.csv.header ? await csvHeader(config, fileText(file.path, config.encoding)) : config.csv.columns) ?? []);
        continue;
      }
      if (sampled >= config.sampleRows) continue;
      for await (const row of fileRows(file, config, fileText(file.path, config.encoding))) {
        if (row.object) shape.addRow(row.object);
        if (++sampled >= config.sampleRows) break;
      }
    } catch (error) {
      throw fileError(error, file.name);
    }
  }
  const schema = shape.toAvro(config.path, 'io.tributary.source.file', `files of ${config.path}`);
  return {
    name: config.path,
    schema,
    fields: schema.fields.map((field) => ({ sourceName: field.sourceName ?? field.name, name: field.name, sourceType: typeName(field.type), nullable: true, orderable: false })),
    primaryKey: [],
    modes: ['full', 'incremental'],
  };
}

/** 'string', 'long', 'record', 'array' of a nullable inferred field, for people. */
function typeName(type: AvroSchema): string {
  const branch = Array.isArray(type) ? type[type.length - 1] : type;
  return typeof branch === 'string' ? branch : 'type' in branch ? branch.type : 'union';
}

async function* readFiles(config: FileConfig, _secrets: FileSecrets, options: ReadOptions): AsyncGenerator<SourceBatch> {
  const start = checkReadOptions(options);
  if (options.stream !== config.path) throw new ConnectorError('not-found', `no stream '${options.stream}'; this source offers '${config.path}'`);
  options.signal?.throwIfAborted();
  const files = await listFiles(config, options.fileRoot);
  const schema = options.schema ?? (await describe(config, files)).schema;
  const conform = recordConformer(schema);
  const before = progressOf(start);
  // Entries of files no longer in the folder are dropped: the cursor stays as large as the folder.
  const progress = new Map<string, FileProgress>([...before].filter(([name]) => files.some((f) => f.name === name)));
  let records: SourceRecord[] = [];
  let invalid: InvalidRow[] = [];
  let moved = progress.size !== before.size;
  const batch = (): SourceBatch => {
    const out = { records, invalid, cursor: { cursorValue: null, lastKey: null, state: Object.fromEntries([...progress].map(([name, p]) => [name, progressText(p)])) } };
    records = [];
    invalid = [];
    moved = false;
    return out;
  };
  for (const file of files) {
    const skip = rowsAlreadyRead(file, progress.get(file.name));
    if (skip === 'done') continue;
    const identity = { size: file.size, mtimeMs: file.mtimeMs };
    let rows = 0;
    try {
      for await (const row of fileRows(file, config, fileText(file.path, config.encoding))) {
        options.signal?.throwIfAborted();
        if (++rows <= skip) continue;
        const position = `${file.name}:${row.line}`;
        const value = row.object && conform(row.object);
        if (value && !Array.isArray(value)) records.push({ value, position });
        else invalid.push({ position, key: keyOf(row.object, options.keyField), reasons: row.reasons ?? (value as InvalidRow['reasons']), raw: row.raw });
        progress.set(file.name, { ...identity, rows, done: false });
        if (records.length + invalid.length >= options.batchSize) yield batch();
      }
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      throw fileError(error, file.name);
    }
    progress.set(file.name, { ...identity, rows, done: true });
    moved = true;
  }
  if (records.length || invalid.length || moved) yield batch();
}

function keyOf(row: Record<string, unknown> | undefined, keyField: string | undefined): string | null {
  const key = keyField === undefined || row === undefined ? undefined : row[keyField];
  return key === undefined || key === null ? null : String(key);
}
