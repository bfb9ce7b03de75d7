import type { TaxResult } from '@tributary/avro';
import type { TaxResultDocument } from '@tributary/persistence';

/**
 * A TaxResult as ConfluentAvroCodec decodes it (decimals as exact text, timestamps as Date) to
 * the document the results store keeps and the API and the websocket gateway serve: the same
 * fields with timestamps as ISO 8601 text. Decimals stay text all the way: never a float.
 */
export function taxResultDocumentOf(result: TaxResult): TaxResultDocument {
  return {
    ...result,
    orderUpdatedAt: isoOf(result.orderUpdatedAt),
    calculatedAt: isoOf(result.calculatedAt),
  };
}

/** A Date as ISO 8601; an invalid one as the text 'Invalid Date', which the store's checks then reject by name. */
function isoOf(value: Date): string {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : String(value);
}
