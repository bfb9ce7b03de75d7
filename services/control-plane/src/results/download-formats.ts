import { CSV_FORMAT } from './csv-format';
import type { DownloadFormat } from './download-format';
import { NDJSON_FORMAT } from './ndjson-format';
import { PARQUET_FORMAT } from './parquet-format';

/** Every download format by its `format` query value; a new one is one entry (and the enum in result-request.ts). */
export const DOWNLOAD_FORMATS: Record<'csv' | 'ndjson' | 'parquet', DownloadFormat> = {
  csv: CSV_FORMAT,
  ndjson: NDJSON_FORMAT,
  parquet: PARQUET_FORMAT,
};
