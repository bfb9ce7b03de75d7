import { AMOUNT_SCALE, fromUnscaled, RATE_SCALE, roundToScale, toUnscaled, type ParsedTaxRequest, type TaxResponse } from '@tributary/tax-api';
import { jurisdictionsAt } from './rate-tables';
import { DEFAULT_TAX_CODE, ratesFor } from './taxability';

/** A calculation without its identity: a pure function of the request, so a replayed key gets the same figures. */
export type CalculatedTax = Omit<TaxResponse, 'calculationId' | 'calculatedAt'>;

interface Levy {
  level: string;
  code: string;
  name: string;
  taxName: string | null;
  rate: string;
  taxable: bigint;
  tax: bigint;
}

/**
 * Tax on a checked order. Per line: amount = quantity x unit price (rounded to 4 places) minus
 * its discounts; each jurisdiction that taxes the line's tax code at the ship-to address levies
 * amount x rate, rounded half away from zero to 4 places; the line's tax is their sum. A buyer
 * whose exemption certificate covers the delivery region and is valid on the tax date pays
 * none (the whole amount is exempt). A RETURN_INVOICE reverses: the same figures, negative.
 * Order totals and jurisdictions are the lines' sums (jurisdictions per code and rate).
 */
export function calculateTax(request: ParsedTaxRequest): CalculatedTax {
  const sign = request.documentType === 'RETURN_INVOICE' ? -1n : 1n;
  const place = request.shipTo;
  const jurisdictions = jurisdictionsAt(place);
  const exempt = exemptionApplies(request);
  const orderLevies = new Map<string, Levy>();
  const totals = { amount: 0n, taxable: 0n, exempt: 0n, tax: 0n };

  const lines = request.lines.map((line) => {
    const gross = roundToScale(toUnscaled(line.quantity, AMOUNT_SCALE) * toUnscaled(line.unitPrice, AMOUNT_SCALE), AMOUNT_SCALE * 2, AMOUNT_SCALE);
    const amount = sign * (gross - line.discounts.reduce((sum, d) => sum + toUnscaled(d.amount, AMOUNT_SCALE), 0n));
    const taxCode = line.taxCode ?? DEFAULT_TAX_CODE;
    const rates = exempt ? [] : ratesFor(taxCode, place, jurisdictions);
    const taxable = rates.length > 0 ? amount : 0n;
    const levies: Levy[] = rates.map(({ jurisdiction, rate }) => ({
      level: jurisdiction.level,
      code: jurisdiction.code,
      name: jurisdiction.name,
      taxName: jurisdiction.taxName,
      rate,
      taxable,
      tax: roundToScale(taxable * toUnscaled(rate, RATE_SCALE), AMOUNT_SCALE + RATE_SCALE, AMOUNT_SCALE),
    }));
    const tax = levies.reduce((sum, levy) => sum + levy.tax, 0n);
    for (const levy of levies) {
      const key = `${levy.code}|${levy.rate}`;
      const seen = orderLevies.get(key);
      if (seen) {
        seen.taxable += levy.taxable;
        seen.tax += levy.tax;
      } else orderLevies.set(key, { ...levy });
    }
    totals.amount += amount;
    totals.taxable += taxable;
    totals.exempt += amount - taxable;
    totals.tax += tax;
    return {
      lineNumber: line.lineNumber,
      sku: line.sku,
      amount: money(amount),
      taxableAmount: money(taxable),
      exemptAmount: money(amount - taxable),
      tax: money(tax),
      taxCode,
      jurisdictions: levies.map(levyOf),
    };
  });

  return {
    orderId: request.orderId,
    currency: request.currency,
    totalAmount: money(totals.amount),
    totalTaxable: money(totals.taxable),
    totalExempt: money(totals.exempt),
    totalTax: money(totals.tax),
    lines,
    jurisdictions: [...orderLevies.values()].map(levyOf),
  };
}

/** The certificate covers this delivery: its region (e.g. US-CA) is the ship-to's or unset, and it has not expired by the tax date. */
export function exemptionApplies(request: ParsedTaxRequest): boolean {
  const exemption = request.customer.exemption;
  if (exemption === null) return false;
  const taxDate = request.taxDate ?? request.orderDate;
  const region = request.shipTo.region ? `${request.shipTo.country}-${request.shipTo.region}` : request.shipTo.country;
  const inRegion = exemption.region === null || exemption.region === region || exemption.region === request.shipTo.country;
  const valid = exemption.expiresOn === null || exemption.expiresOn >= taxDate;
  return inRegion && valid;
}

function levyOf(levy: Levy) {
  return { level: levy.level, code: levy.code, name: levy.name, taxName: levy.taxName, rate: levy.rate, taxableAmount: money(levy.taxable), tax: money(levy.tax) };
}

function money(unscaled: bigint): string {
  return fromUnscaled(unscaled, AMOUNT_SCALE);
}
