import type { JurisdictionTax, TaxOrder, TaxResult } from '@tributary/avro';
import { AMOUNT_SCALE, atScale, RATE_SCALE } from './decimal-amount';
import type { OrderScope } from './idempotency-key';
import { checkedTaxResponse } from './tax-response-check';
import { fieldPathOf, JURISDICTION_LEVELS, taxResponseSchema, type JurisdictionTaxAnswer, type TaxResponse } from './taxman-contract';

/** How the call that produced an answer went: TaxResult's bookkeeping fields. */
export interface CallFacts {
  /** 1 for the first call; n after n-1 transient failures. */
  readonly attempt: number;
  readonly latencyMs: number;
  /** The sink's clock when the answer came (TaxResult.calculatedAt). */
  readonly answeredAt: Date;
}

/** TAXMAN answered 2xx with something that is not a calculation of this order. */
export class InvalidAnswerError extends Error {
  override readonly name = 'InvalidAnswerError';
}

/** A 2xx body checked against the contract; throws InvalidAnswerError naming what is off. */
export function parseTaxResponse(body: unknown): TaxResponse {
  const checked = checkedTaxResponse(body);
  if (checked !== undefined) return checked;
  const parsed = taxResponseSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new InvalidAnswerError(`the answer is not a calculation: ${fieldPathOf(issue.path) ?? 'body'}: ${issue.message}`);
}

/**
 * TaxResult (schemas/tax-result.avsc) of an order from TAXMAN's answer. The answer must be for
 * this order: same id and currency, one line per order line. Amounts are rewritten at the
 * schema's scale ('1.5' to '1.5000'); a level TAXMAN added since is read as SPECIAL, as the
 * Avro enum's default would. Tenant and pipeline are the scope the sink consumed the order in
 * (its topic's), not what the order claims: a record on one tenant's topic can never make a
 * result that files under another tenant.
 */
export function taxResultOf(scope: OrderScope, order: TaxOrder, answer: TaxResponse, call: CallFacts): TaxResult {
  if (answer.orderId !== order.orderId) throw new InvalidAnswerError(`the answer is for order ${answer.orderId}, not ${order.orderId}`);
  if (answer.currency !== order.currency) throw new InvalidAnswerError(`the answer is in ${answer.currency}, the order in ${order.currency}`);
  if (!sameLinesInOrder(order, answer)) {
    const asked = order.lines.map((l) => l.lineNumber).sort((a, b) => a - b).join();
    const answered = answer.lines.map((l) => l.lineNumber).sort((a, b) => a - b).join();
    if (asked !== answered) throw new InvalidAnswerError(`the answer has lines ${answered}, the order ${asked}`);
  }
  return {
    orderId: order.orderId,
    tenant: scope.tenant,
    pipeline: scope.pipeline,
    runId: order.runId,
    orderUpdatedAt: order.updatedAt,
    calculationId: answer.calculationId,
    calculatedAt: call.answeredAt,
    currency: order.currency,
    totalAmount: money(answer.totalAmount),
    totalTaxable: money(answer.totalTaxable),
    totalExempt: money(answer.totalExempt),
    totalTax: money(answer.totalTax),
    lines: answer.lines.map((line) => ({
      lineNumber: line.lineNumber,
      sku: line.sku,
      amount: money(line.amount),
      taxableAmount: money(line.taxableAmount),
      exemptAmount: money(line.exemptAmount),
      tax: money(line.tax),
      taxCode: line.taxCode,
      jurisdictions: line.jurisdictions.map(jurisdictionOf),
    })),
    jurisdictions: answer.jurisdictions.map(jurisdictionOf),
    attempt: call.attempt,
    apiLatencyMs: Math.max(0, Math.min(2 ** 31 - 1, Math.round(call.latencyMs))),
  };
}

/** The common case, without sorting: the answer lists the order's line numbers in the order's order. */
function sameLinesInOrder(order: TaxOrder, answer: TaxResponse): boolean {
  if (order.lines.length !== answer.lines.length) return false;
  for (let i = 0; i < order.lines.length; i++) if (order.lines[i].lineNumber !== answer.lines[i].lineNumber) return false;
  return true;
}

const LEVELS = new Set<string>(JURISDICTION_LEVELS);

function jurisdictionOf(j: JurisdictionTaxAnswer): JurisdictionTax {
  return {
    level: (LEVELS.has(j.level) ? j.level : 'SPECIAL') as JurisdictionTax['level'],
    code: j.code,
    name: j.name,
    taxName: j.taxName,
    rate: atScale(j.rate, RATE_SCALE),
    taxableAmount: money(j.taxableAmount),
    tax: money(j.tax),
  };
}

function money(text: string): string {
  return atScale(text, AMOUNT_SCALE);
}
