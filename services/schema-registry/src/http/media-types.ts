/**
 * Confluent's media types (Jersey @Produces / @Consumes of every resource). Answers are
 * `application/vnd.schemaregistry.v1+json` unless the client asks for another it also speaks;
 * the server-side weights break ties between types the client likes equally, as Jersey's qs does.
 */
const PRODUCED: ReadonlyArray<readonly [string, number]> = [
  ['application/vnd.schemaregistry.v1+json', 0.9],
  ['application/vnd.schemaregistry+json', 0.8],
  ['application/json', 0.5],
];

/** Request bodies it reads; a body without a Content-Type is read as JSON too (Jersey's application/octet-stream). */
const CONSUMED = new Set([
  'application/vnd.schemaregistry.v1+json', 'application/vnd.schemaregistry+json', 'application/json', 'application/octet-stream',
]);

export const DEFAULT_MEDIA_TYPE = PRODUCED[0][0];

/** The type to answer in for an Accept header; undefined when the client accepts none of them (406). */
export function responseMediaType(accept: string | undefined): string | undefined {
  if (!accept || accept.trim() === '') return DEFAULT_MEDIA_TYPE;
  const ranges = accept.split(',').map((part) => {
    const [range, ...params] = part.trim().toLowerCase().split(';').map((p) => p.trim());
    const q = params.find((p) => p.startsWith('q='));
    return { range, q: q ? Number(q.slice(2)) || 0 : 1 };
  });
  let best: { type: string; score: number } | undefined;
  for (const [type, weight] of PRODUCED) {
    const q = Math.max(0, ...ranges.filter(({ range }) => range === type || range === '*/*' || range === 'application/*').map((r) => r.q));
    if (q > 0 && (!best || q * weight > best.score)) best = { type, score: q * weight };
  }
  return best?.type;
}

export function isConsumedMediaType(contentType: string | undefined): boolean {
  if (contentType === undefined || contentType.trim() === '') return true;
  return CONSUMED.has(contentType.split(';')[0].trim().toLowerCase());
}
