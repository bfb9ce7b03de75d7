import type { HttpRequest } from '../common/http-types';
import { JSON_BODY, type BodyType } from '../common/validated';

/** The largest document accepted as a raw body (the JSON body limit is body-parser's). */
const MAX_BYTES = 1_000_000;
const YAML_TYPES = /^\s*(application\/(x-)?yaml|text\/(x-)?yaml|application\/vnd\.tributary\.pipeline\+yaml)\s*(;|$)/i;

/** What the pipeline routes read: JSON, or a YAML file this middleware has read. */
export const JSON_OR_YAML_BODY: BodyType = {
  pattern: new RegExp(`${JSON_BODY.pattern.source}|${YAML_TYPES.source}`, 'i'),
  names: 'JSON (Content-Type: application/json) or a YAML document (Content-Type: application/yaml)',
};

/**
 * Lets `curl --data-binary @pipeline.yaml -H 'Content-Type: application/yaml'` apply a file: a
 * YAML body is read as text and handed on as `{ document, format: 'yaml' }`, the same body the
 * JSON form of the route takes, so one schema validates both. Other bodies pass untouched.
 */
export function yamlBody(request: HttpRequest & { body?: unknown }, _response: unknown, next: (err?: unknown) => void): void {
  if (!YAML_TYPES.test(request.headers['content-type'] ?? '')) return next();
  const chunks: Buffer[] = [];
  let size = 0;
  let failed = false;
  request.on('data', (chunk: Buffer) => {
    if (failed) return;
    size += chunk.length;
    if (size > MAX_BYTES) {
      failed = true;
      next(Object.assign(new Error('request entity too large'), { status: 413, type: 'entity.too.large' }));
      return;
    }
    chunks.push(chunk);
  });
  request.on('end', () => {
    if (failed) return;
    request.body = { document: Buffer.concat(chunks).toString('utf8'), format: 'yaml' };
    next();
  });
  request.on('error', (err) => {
    if (!failed) next(Object.assign(err, { status: 400 }));
    failed = true;
  });
}
