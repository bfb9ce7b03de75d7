import type { IncomingMessage } from 'node:http';
import { RegistryError } from '../registry-errors';
import { isConsumedMediaType } from './media-types';

/**
 * Reads a request body of at most `limit` bytes as JSON; undefined when there is none. Too big
 * is 413, another media type 415, text that is not JSON 400 with the parser's complaint (as
 * Confluent's rest-utils answers a Jackson parse error). An oversized body is read to its end
 * without being kept, so the client, still sending, gets the answer; past `DISCARD_FACTOR` times
 * the limit the connection is dropped instead.
 */
export function readJsonBody(request: IncomingMessage, limit: number): Promise<unknown> {
  if (!isConsumedMediaType(request.headers['content-type'])) {
    return Promise.reject(new RegistryError('UNSUPPORTED_MEDIA_TYPE', 'HTTP 415 Unsupported Media Type'));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > limit * DISCARD_FACTOR) request.destroy();
    });
    request.on('error', reject);
    request.on('end', () => {
      if (size > limit) return reject(new RegistryError('PAYLOAD_TOO_LARGE', `Request body is larger than the limit of ${limit} bytes`));
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return resolve(undefined);
      try {
        resolve(JSON.parse(text));
      } catch (error) {
        reject(new RegistryError('BAD_REQUEST', `Unexpected character in the request body: ${(error as Error).message}`));
      }
    });
  });
}

const DISCARD_FACTOR = 16;
