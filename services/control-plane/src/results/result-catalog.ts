import type { ServerResponse } from 'node:http';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { PipelineEntity, readResultPage, streamResults, summarizeResults, type ResultFilter, type ResultOrder, type ResultRecord, type ResultSummary } from '@tributary/persistence';
import { ApiError } from '../common/api-error';
import { DOWNLOAD_FORMATS } from './download-formats';
import { DownloadSlots } from './download-slots';
import { decodeCursor, encodeCursor } from './result-request';
import { sendDownload } from './result-download';

export interface ResultPageView {
  items: ResultRecord[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

/** Rows per database round trip of a download. */
const DOWNLOAD_BATCH_ROWS = 1000;

/**
 * A pipeline's results as the API serves them: pages with opaque cursors, summaries, and
 * downloads streamed from a database cursor. Tenant scoping is the caller's: every filter
 * carries the tenant of the route, which the guard has checked.
 */
export class ResultCatalog {
  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
    private readonly slots: DownloadSlots,
  ) {}

  async page(filter: ResultFilter, order: ResultOrder, limit: number, cursor?: string): Promise<ResultPageView> {
    await this.requirePipeline(filter);
    const position = cursor === undefined ? undefined : decodeCursor(cursor, order);
    const page = await readResultPage(this.dataSource, filter, order, limit, position);
    return { items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null };
  }

  async summary(filter: ResultFilter): Promise<ResultSummary> {
    await this.requirePipeline(filter);
    return summarizeResults(this.dataSource, filter);
  }

  /** Writes the whole download to `response` (or throws before writing anything). */
  async download(filter: ResultFilter, format: keyof typeof DOWNLOAD_FORMATS, response: ServerResponse): Promise<void> {
    await this.requirePipeline(filter);
    const giveBack = this.slots.take();
    try {
      const encoder = DOWNLOAD_FORMATS[format];
      const batches = streamResults(this.dataSource, filter, { order: 'key', batchSize: DOWNLOAD_BATCH_ROWS });
      const filename = `${filter.tenantId}-${filter.pipeline}-results.${encoder.extension}`;
      await sendDownload(batches, { response, filename, format: encoder, logger: this.logger });
    } finally {
      giveBack();
    }
  }

  /**
   * A name the tenant never had is a 404, not an empty answer (a typo should not download an
   * empty file). A deleted pipeline keeps its results, readable.
   */
  private async requirePipeline(filter: ResultFilter): Promise<void> {
    const known = await this.dataSource.getRepository(PipelineEntity).exists({ where: { tenantId: filter.tenantId, name: filter.pipeline } });
    if (!known) throw new ApiError('not-found', `no pipeline '${filter.pipeline}' in tenant '${filter.tenantId}'`);
  }
}
