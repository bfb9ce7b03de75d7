/**
 * A TaxResult (schemas/tax-result.avsc) as the results store keeps it in jsonb and the API
 * serves it: Avro decimals as decimal strings ("12.3400", never floats), timestamp-millis as
 * ISO 8601 strings, unions as the value or null. The result-writer converts the Avro record.
 */
export interface TaxResultDocument {
  orderId: string;
  tenant: string;
  pipeline: string;
  runId: string | null;
  orderUpdatedAt: string;
  calculationId: string;
  calculatedAt: string;
  currency: string;
  totalAmount: string;
  totalTaxable: string;
  totalExempt: string;
  totalTax: string;
  lines: LineTaxDocument[];
  jurisdictions: JurisdictionTaxDocument[];
  attempt: number;
  apiLatencyMs: number;
}

export interface LineTaxDocument {
  lineNumber: number;
  sku: string;
  amount: string;
  taxableAmount: string;
  exemptAmount: string;
  tax: string;
  taxCode: string | null;
  jurisdictions: JurisdictionTaxDocument[];
}

export interface JurisdictionTaxDocument {
  level: 'COUNTRY' | 'STATE' | 'COUNTY' | 'CITY' | 'SPECIAL';
  code: string;
  name: string;
  taxName: string | null;
  rate: string;
  taxableAmount: string;
  tax: string;
}

/** decimal(18,4) as text: an optional sign, up to 14 integer digits, up to 4 decimals. */
export const DECIMAL_18_4 = /^-?\d{1,14}(\.\d{1,4})?$/;

/**
 * What upsertResults needs to be true of a document before it touches the database; each
 * problem names the field, so a bad record from the stream is reported, not half-written.
 */
export function taxResultProblems(doc: TaxResultDocument, tenant: string, pipeline: string): string[] {
  const problems: string[] = [];
  if (typeof doc !== 'object' || doc === null) return ['is not an object'];
  if (typeof doc.orderId !== 'string' || doc.orderId === '') problems.push('orderId must be a non-empty string');
  if (doc.tenant !== tenant) problems.push(`tenant must be '${tenant}'`);
  if (doc.pipeline !== pipeline) problems.push(`pipeline must be '${pipeline}'`);
  if (doc.runId !== null && typeof doc.runId !== 'string') problems.push('runId must be a string or null');
  for (const field of ['calculatedAt', 'orderUpdatedAt'] as const) {
    if (typeof doc[field] !== 'string' || Number.isNaN(Date.parse(doc[field]))) problems.push(`${field} must be an ISO 8601 date-time`);
  }
  for (const field of ['totalAmount', 'totalTaxable', 'totalExempt', 'totalTax'] as const) {
    if (typeof doc[field] !== 'string' || !DECIMAL_18_4.test(doc[field])) problems.push(`${field} must be a decimal(18,4) string`);
  }
  if (typeof doc.currency !== 'string' || !/^[A-Z]{3}$/.test(doc.currency)) problems.push('currency must be an ISO 4217 code');
  if (!Array.isArray(doc.lines)) problems.push('lines must be an array');
  if (!Array.isArray(doc.jurisdictions)) problems.push('jurisdictions must be an array');
  return problems;
}
