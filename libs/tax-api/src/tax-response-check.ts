import { AMOUNT_PATTERN, RATE_PATTERN, type JurisdictionTaxAnswer, type TaxResponse } from './taxman-contract';

type Fields = Record<string, unknown>;

/**
 * taxResponseSchema's verdict on a calculation, written out by hand for the answers that pass:
 * the answer as zod outputs it (fields the contract does not know dropped, null defaults filled
 * in), or undefined for anything else, which the caller then gives to zod itself for its verdict
 * and its issue naming the field. Why: zod's general machinery cost about as much CPU per order
 * as the JSON.parse of the answer (bench/tax-client.ts), and every answer is checked. It takes
 * only plain objects and arrays (what JSON.parse makes); tax-response-check.spec.ts checks it
 * against the schema's verdicts and outputs on generated answers, good and bad.
 */
export function checkedTaxResponse(body: unknown): TaxResponse | undefined {
  if (!isFields(body)) return undefined;
  const { calculationId, orderId, currency, calculatedAt, totalAmount, totalTaxable, totalExempt, totalTax } = body;
  if (!isText(calculationId) || !isText(orderId) || typeof currency !== 'string' || typeof calculatedAt !== 'string') return undefined;
  if (!isAmount(totalAmount) || !isAmount(totalTaxable) || !isAmount(totalExempt) || !isAmount(totalTax)) return undefined;
  const lines = mapped(body.lines, lineOf);
  const jurisdictions = mapped(body.jurisdictions, jurisdictionOf);
  if (lines === undefined || jurisdictions === undefined) return undefined;
  return { calculationId, orderId, currency, calculatedAt, totalAmount, totalTaxable, totalExempt, totalTax, lines, jurisdictions };
}

function lineOf(line: unknown): TaxResponse['lines'][number] | undefined {
  if (!isFields(line)) return undefined;
  const { lineNumber, sku, amount, taxableAmount, exemptAmount, tax } = line;
  if (!Number.isSafeInteger(lineNumber) || typeof sku !== 'string') return undefined;
  if (!isAmount(amount) || !isAmount(taxableAmount) || !isAmount(exemptAmount) || !isAmount(tax)) return undefined;
  const taxCode = orNull(line.taxCode);
  const jurisdictions = mapped(line.jurisdictions, jurisdictionOf);
  if (taxCode === undefined || jurisdictions === undefined) return undefined;
  return { lineNumber: lineNumber as number, sku, amount, taxableAmount, exemptAmount, tax, taxCode, jurisdictions };
}

function jurisdictionOf(j: unknown): JurisdictionTaxAnswer | undefined {
  if (!isFields(j)) return undefined;
  const { level, code, name, rate, taxableAmount, tax } = j;
  const taxName = orNull(j.taxName);
  if (typeof level !== 'string' || !isText(code) || !isText(name) || taxName === undefined) return undefined;
  if (typeof rate !== 'string' || !RATE_PATTERN.test(rate) || !isAmount(taxableAmount) || !isAmount(tax)) return undefined;
  return { level, code, name, taxName, rate, taxableAmount, tax };
}

/** Each item checked, or undefined if `items` is not an array or one item fails. */
function mapped<T>(items: unknown, check: (item: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(items)) return undefined;
  const out = new Array<T>(items.length);
  for (let i = 0; i < items.length; i++) {
    const item = check(items[i]);
    if (item === undefined) return undefined;
    out[i] = item;
  }
  return out;
}

/** An object as JSON.parse makes them; anything more exotic is left to zod. */
function isFields(value: unknown): value is Fields {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function isAmount(value: unknown): value is string {
  return typeof value === 'string' && AMOUNT_PATTERN.test(value);
}

/** z.string().nullable().default(null): a string, or null when null or absent; undefined when neither. */
function orNull(value: unknown): string | null | undefined {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : undefined;
}
