import type { JurisdictionRate, TaxedPlace } from './rate-tables';

/**
 * Which products are taxed where: the sandbox's product tax codes (TAXMAN's names). A code is
 * taxed at the jurisdictions' rates except in the places it is exempt in, and at a reduced
 * national rate where one is listed. Places are a country (`US`) or a country and region
 * (`US-CA`). A code not in this table is refused: TAXMAN cannot tax what it cannot classify.
 */
export interface TaxCodeRule {
  readonly description: string;
  /** Not taxed at all in these places (every jurisdiction there). */
  readonly exemptIn: readonly string[];
  /** A COUNTRY-level rate that replaces the standard one here (reduced VAT). '0.000000' means zero-rated. */
  readonly reducedRates?: Readonly<Record<string, string>>;
}

export const DEFAULT_TAX_CODE = 'P0000000';

export const TAX_CODES: Readonly<Record<string, TaxCodeRule>> = {
  P0000000: { description: 'Tangible personal property (the default)', exemptIn: [] },
  FR020100: { description: 'Shipping charges, separately stated', exemptIn: ['US-CA', 'US-NV'] },
  PF050000: {
    description: 'Food and groceries',
    exemptIn: ['US', 'CA', 'MX', 'GB'],
    reducedRates: { DE: '0.070000', FR: '0.055000', NL: '0.090000' },
  },
  D0000000: { description: 'Digital goods', exemptIn: ['US-CA'] },
  S0000000: { description: 'Services', exemptIn: ['US-CA', 'US-NV'] },
  NT: { description: 'Not taxable', exemptIn: ['*'] },
};

/** The rate each jurisdiction applies to a product of `taxCode` delivered to `place`; null where it does not tax it. */
export function ratesFor(taxCode: string, place: TaxedPlace, jurisdictions: readonly JurisdictionRate[]): Array<{ jurisdiction: JurisdictionRate; rate: string }> {
  const rule = TAX_CODES[taxCode];
  if (rule === undefined) throw new RangeError(`unknown tax code ${taxCode}`);
  const places = ['*', place.country, place.region ? `${place.country}-${place.region}` : ''];
  if (rule.exemptIn.some((exempt) => places.includes(exempt))) return [];
  return jurisdictions
    .map((jurisdiction) => ({ jurisdiction, rate: (jurisdiction.level === 'COUNTRY' && rule.reducedRates?.[place.country]) || jurisdiction.rate }))
    .filter(({ rate }) => Number(rate) !== 0);
}
