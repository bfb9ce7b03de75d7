import type { DownloadFormat } from './download-format';

/** One JSON object per line: the record as the results API pages it, TaxResult included. */
export const NDJSON_FORMAT: DownloadFormat = {
  contentType: 'application/x-ndjson',
  extension: 'ndjson',
  async *encode(batches) {
    for await (const batch of batches) yield batch.map((record) => JSON.stringify(record) + '\n').join('');
  },
};
