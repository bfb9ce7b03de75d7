import { AMOUNT_SCALE, fieldPathOf, roundToScale, taxRequestSchema, toUnscaled, type ErrorAnswer, type ParsedTaxRequest, type Problem } from '@tributary/tax-api';
import { DEFAULT_TAX_CODE, TAX_CODES } from './taxability';

/** ISO 4217 codes as the runtime's ICU knows them (Node ships full ICU). */
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
export const EXEMPTION_REASONS = new Set(['RESALE', 'GOVERNMENT', 'CHARITY', 'AGRICULTURE', 'DIRECT_PAY', 'MANUFACTURING', 'EDUCATION', 'MEDICAL', 'OTHER']);

export type OrderCheck = { readonly ok: true; readonly request: ParsedTaxRequest } | { readonly ok: false; readonly status: 400 | 422; readonly answer: ErrorAnswer };

/**
 * What TAXMAN refuses, and how: 400 INVALID_REQUEST when the body is not a TaxRequest at all
 * (missing fields, wrong types, amounts that are not decimal text), 422 INVALID_ORDER when it is
 * one but not an order tax can be calculated for (unknown currency or tax code, a quantity
 * that is not positive, a discount above its line...). Every problem is listed with its field,
 * not just the first, so one answer tells the sender all it must fix.
 */
export function checkOrder(body: unknown): OrderCheck {
  const parsed = taxRequestSchema.safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({ field: fieldPathOf(issue.path), code: 'INVALID_FIELD', message: issue.message }));
    return refuse(400, 'INVALID_REQUEST', 'the body is not a tax request', problems);
  }
  const request = parsed.data;
  const problems: Problem[] = [];
  const problem = (field: string | null, code: string, message: string) => problems.push({ field, code, message });

  if (!CURRENCIES.has(request.currency)) problem('currency', 'UNKNOWN_CURRENCY', `${request.currency} is not an ISO 4217 currency`);
  const exemption = request.customer.exemption;
  if (exemption && !EXEMPTION_REASONS.has(exemption.reasonCode)) {
    problem('customer.exemption.reasonCode', 'UNKNOWN_EXEMPTION_REASON', `${exemption.reasonCode} is not one of ${[...EXEMPTION_REASONS].join(', ')}`);
  }
  const lineNumbers = new Set<number>();
  request.lines.forEach((line, i) => {
    const at = (field: string) => `lines[${i}].${field}`;
    if (lineNumbers.has(line.lineNumber)) problem(at('lineNumber'), 'DUPLICATE_LINE_NUMBER', `line number ${line.lineNumber} appears more than once`);
    lineNumbers.add(line.lineNumber);
    const quantity = toUnscaled(line.quantity, AMOUNT_SCALE);
    const unitPrice = toUnscaled(line.unitPrice, AMOUNT_SCALE);
    if (quantity <= 0n) problem(at('quantity'), 'NOT_POSITIVE', `the quantity must be greater than 0, got ${line.quantity}`);
    if (unitPrice < 0n) problem(at('unitPrice'), 'NEGATIVE', `the unit price must not be negative, got ${line.unitPrice}`);
    let discounts = 0n;
    line.discounts.forEach((discount, d) => {
      const amount = toUnscaled(discount.amount, AMOUNT_SCALE);
      if (amount < 0n) problem(at(`discounts[${d}].amount`), 'NEGATIVE', `a discount must not be negative, got ${discount.amount}`);
      discounts += amount;
    });
    const gross = roundToScale(quantity * unitPrice, AMOUNT_SCALE * 2, AMOUNT_SCALE);
    if (quantity > 0n && unitPrice >= 0n && discounts > gross) problem(at('discounts'), 'DISCOUNT_EXCEEDS_AMOUNT', 'the discounts are more than the line amount');
    const taxCode = line.taxCode ?? DEFAULT_TAX_CODE;
    if (TAX_CODES[taxCode] === undefined) problem(at('taxCode'), 'UNKNOWN_TAX_CODE', `${taxCode} is not a tax code; known: ${Object.keys(TAX_CODES).join(', ')}`);
  });
  if (problems.length > 0) return refuse(422, 'INVALID_ORDER', `tax cannot be calculated for this order: ${problems.length} problem${problems.length === 1 ? '' : 's'}`, problems);
  return { ok: true, request };
}

function refuse(status: 400 | 422, code: string, message: string, problems: Problem[]): OrderCheck {
  return { ok: false, status, answer: { error: { code, message, problems } } };
}
