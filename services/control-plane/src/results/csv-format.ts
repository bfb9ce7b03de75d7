import type { ResultRecord } from '@tributary/persistence';
import type { DownloadFormat } from './download-format';
import { EXPORT_COLUMNS } from './export-columns';

/** RFC 4180: CRLF line ends; a field with a comma, quote or line break is quoted, quotes doubled. */
export function csvField(value: string | number | null | object): string {
  if (value === null) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLine(record: ResultRecord): string {
  return EXPORT_COLUMNS.map((column) => csvField(column.value(record))).join(',') + '\r\n';
}

/** A header line, then one chunk of lines per batch. Null is an empty field. */
export const CSV_FORMAT: DownloadFormat = {
  contentType: 'text/csv; charset=utf-8',
  extension: 'csv',
  async *encode(batches) {
    yield EXPORT_COLUMNS.map((c) => c.name).join(',') + '\r\n';
    for await (const batch of batches) yield batch.map(csvLine).join('');
  },
};
