import { z } from 'zod';
import { AMOUNT_SCALE, decimalPattern, RATE_SCALE } from './decimal-amount';

/**
 * TAXMAN's calculation API, version 1, as JSON: `POST /v1/tax/calculate` with an
 * `Idempotency-Key` header. The one definition of the wire: the client maps TaxOrder to it and
 * checks answers with it, the sandbox validates requests with it and generates its OpenAPI
 * document from it. Field names follow TaxOrder and TaxResult (schemas/*.avsc) so a problem
 * TAXMAN reports at `lines[0].quantity` names the same field of the order.
 *
 * Amounts are decimal text (never JSON numbers, which are binary floats): at most 4 fraction
 * digits for money and 6 for rates. Objects accept and ignore fields they do not know, so
 * either side may add one without breaking the other.
 */

export const TAX_CALCULATE_PATH = '/v1/tax/calculate';
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** Money and rates as decimal text; tax-response-check.ts tests answers with the same patterns. */
export const AMOUNT_PATTERN = decimalPattern(AMOUNT_SCALE);
export const RATE_PATTERN = decimalPattern(RATE_SCALE, 3);

const amount = z.string().regex(AMOUNT_PATTERN, `a decimal number as text, up to 14 digits before the point and ${AMOUNT_SCALE} after`);
const rate = z.string().regex(RATE_PATTERN, `a decimal fraction as text with up to ${RATE_SCALE} fraction digits`);
const isoDate = z.iso.date('a calendar date as YYYY-MM-DD');
const text = z.string().min(1);

export const DOCUMENT_TYPES = ['SALES_ORDER', 'SALES_INVOICE', 'RETURN_INVOICE'] as const;
export const JURISDICTION_LEVELS = ['COUNTRY', 'STATE', 'COUNTY', 'CITY', 'SPECIAL'] as const;

const address = z.object({
  line1: text,
  line2: z.string().nullable().default(null),
  city: text,
  region: z.string().nullable().default(null).describe('Subdivision code without the country prefix, e.g. CA'),
  postalCode: z.string().nullable().default(null),
  country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 country code, e.g. US'),
});

const exemption = z.object({
  certificateId: text,
  reasonCode: text.describe('RESALE, GOVERNMENT, CHARITY, AGRICULTURE, DIRECT_PAY, ...'),
  region: z.string().nullable().default(null).describe('ISO 3166-2 region where it applies, e.g. US-CA; null: everywhere'),
  expiresOn: isoDate.nullable().default(null),
});

const line = z.object({
  lineNumber: z.number().int().min(1),
  sku: text,
  description: z.string().nullable().default(null),
  quantity: amount,
  unitPrice: amount,
  taxCode: z.string().nullable().default(null).describe('TAXMAN product tax code; null: the company default (P0000000)'),
  discounts: z.array(z.object({ code: z.string().nullable().default(null), amount })).default([]),
});

export const taxRequestSchema = z
  .object({
    companyCode: text.describe("The seller's company at TAXMAN (Tributary sends the tenant)"),
    orderId: text,
    documentType: z.enum(DOCUMENT_TYPES),
    orderDate: isoDate,
    taxDate: isoDate.nullable().default(null),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code, e.g. USD'),
    customer: z.object({
      customerId: text,
      name: z.string().nullable().default(null),
      taxId: z.string().nullable().default(null),
      exemption: exemption.nullable().default(null),
    }),
    shipFrom: address,
    shipTo: address,
    lines: z.array(line).min(1, 'an order has at least one line'),
  })
  .meta({ title: 'TaxRequest', description: 'An order to calculate tax for' });

const jurisdictionTax = z.object({
  level: z.string().describe(`${JURISDICTION_LEVELS.join(', ')}; readers take a level they do not know as SPECIAL`),
  code: text,
  name: text,
  taxName: z.string().nullable().default(null),
  rate,
  taxableAmount: amount,
  tax: amount,
});

export const taxResponseSchema = z
  .object({
    calculationId: text,
    orderId: text,
    currency: z.string(),
    calculatedAt: z.string().describe('When TAXMAN calculated (ISO 8601); a replayed key answers with the original time'),
    totalAmount: amount,
    totalTaxable: amount,
    totalExempt: amount,
    totalTax: amount,
    lines: z.array(
      z.object({
        lineNumber: z.number().int(),
        sku: z.string(),
        amount,
        taxableAmount: amount,
        exemptAmount: amount,
        tax: amount,
        taxCode: z.string().nullable().default(null),
        jurisdictions: z.array(jurisdictionTax),
      }),
    ),
    jurisdictions: z.array(jurisdictionTax),
  })
  .meta({ title: 'TaxResponse', description: 'Tax per line and in total, by jurisdiction' });

export const problemSchema = z.object({
  field: z.string().nullable().describe('Path of the faulty request field, e.g. lines[0].quantity; null for the whole order'),
  code: z.string(),
  message: z.string(),
});

/** Every non-2xx answer's body. */
export const errorAnswerSchema = z
  .object({
    error: z.object({
      code: z.string().describe('INVALID_REQUEST, INVALID_ORDER, IDEMPOTENCY_KEY_REQUIRED, IDEMPOTENCY_KEY_REUSED, RATE_LIMITED, UNAVAILABLE, INTERNAL'),
      message: z.string(),
      problems: z.array(problemSchema).default([]),
    }),
  })
  .meta({ title: 'ErrorAnswer' });

export type TaxRequest = z.input<typeof taxRequestSchema>;
export type ParsedTaxRequest = z.output<typeof taxRequestSchema>;
export type TaxResponse = z.output<typeof taxResponseSchema>;
export type JurisdictionTaxAnswer = TaxResponse['jurisdictions'][number];
export type Problem = z.output<typeof problemSchema>;
export type ErrorAnswer = z.output<typeof errorAnswerSchema>;

/** A zod issue path as the contract names fields: ['lines', 0, 'quantity'] is lines[0].quantity. */
export function fieldPathOf(path: readonly PropertyKey[]): string | null {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out === '' ? '' : '.'}${String(part)}`;
  return out === '' ? null : out;
}
