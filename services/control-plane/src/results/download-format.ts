import type { ResultRecord } from '@tributary/persistence';

/**
 * One download format: how a stream of result batches becomes the file's bytes. `encode` must
 * pull the next batch only when its consumer (the HTTP response, through back-pressure) asks for
 * more output, and hold no more than about one batch (Parquet: one row group) at a time.
 */
export interface DownloadFormat {
  readonly contentType: string;
  readonly extension: string;
  encode(batches: AsyncIterable<ResultRecord[]>): AsyncIterable<Buffer | string>;
}
