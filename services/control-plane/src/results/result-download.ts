import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { ResultRecord } from '@tributary/persistence';
import type { DownloadFormat } from './download-format';

export interface DownloadTarget {
  readonly response: ServerResponse;
  readonly filename: string;
  readonly format: DownloadFormat;
  readonly logger: Logger;
}

/**
 * Streams `batches` to the response in `format`, with back-pressure end to end: the response
 * pulls encoded chunks one at a time (highWaterMark 1), the encoder pulls a batch when it needs
 * one, the batch is fetched from the database cursor then. Memory holds about one batch.
 *
 * The first batch is read before any header is written, so a failing query is still an
 * ordinary JSON error answer. Once bytes are out, a failure can only cut the response short
 * (the client sees an incomplete chunked body, never a truncated file that looks whole); a client
 * that hangs up just ends the stream. Either way the cursor is closed and its connection freed.
 */
export async function sendDownload(batches: AsyncGenerator<ResultRecord[]>, target: DownloadTarget): Promise<void> {
  const { response, format, logger } = target;
  try {
    const first = await batches.next();
    response.statusCode = 200;
    response.setHeader('content-type', format.contentType);
    response.setHeader('content-disposition', `attachment; filename="${target.filename}"`);
    response.setHeader('cache-control', 'no-store');
    async function* all(): AsyncGenerator<ResultRecord[]> {
      if (!first.done) yield first.value;
      yield* batches;
    }
    try {
      await pipeline(Readable.from(format.encode(all()), { objectMode: true, highWaterMark: 1 }), response);
    } catch (err) {
      if (!response.headersSent) throw err;
      if (clientWentAway(err, response)) {
        logger.info({ file: target.filename }, 'download ended early: the client went away');
      } else {
        logger.error({ err: { name: (err as Error).name, message: (err as Error).message }, file: target.filename }, 'download failed mid-stream');
        response.destroy();
      }
    }
  } finally {
    await batches.return(undefined);
  }
}

function clientWentAway(err: unknown, response: ServerResponse): boolean {
  const code = (err as { code?: string }).code;
  return code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNRESET' || code === 'EPIPE' || (response.destroyed && !response.writableFinished);
}
