/**
 * The sandbox's rate tables: which jurisdictions tax a delivery address, at what rate. Made-up
 * but plausible figures (US FIPS-style codes, EU VAT rates), fixed in code so every run of the
 * sandbox answers the same order with the same tax, to the cent. Destination-based only: the
 * ship-to address decides (real US origin-based states are not modelled).
 *
 * An entry applies when the address is in its country, in its region (if it names one) and,
 * if it lists postal prefixes, has a postal code starting with one of them.
 */
export type JurisdictionLevel = 'COUNTRY' | 'STATE' | 'COUNTY' | 'CITY' | 'SPECIAL';

export interface JurisdictionRate {
  readonly level: JurisdictionLevel;
  readonly code: string;
  readonly name: string;
  readonly taxName: string;
  /** Fraction at scale 6. */
  readonly rate: string;
  readonly country: string;
  readonly region?: string;
  readonly postalPrefixes?: readonly string[];
}

const SF = ['941'];
const LA = ['900', '901'];
const RENO = ['894', '895'];
const NYC = ['100', '101', '102'];
const AUSTIN = ['787'];
const SEATTLE = ['981'];

export const RATE_TABLE: readonly JurisdictionRate[] = [
  { level: 'STATE', code: '06', name: 'CALIFORNIA', taxName: 'CA STATE TAX', rate: '0.062500', country: 'US', region: 'CA' },
  { level: 'COUNTY', code: '06075', name: 'SAN FRANCISCO', taxName: 'CA COUNTY TAX', rate: '0.002500', country: 'US', region: 'CA', postalPrefixes: SF },
  { level: 'CITY', code: '0667000', name: 'SAN FRANCISCO', taxName: 'SAN FRANCISCO CITY TAX', rate: '0.010000', country: 'US', region: 'CA', postalPrefixes: SF },
  { level: 'SPECIAL', code: '06075-SFTD', name: 'SAN FRANCISCO TRANSPORTATION DISTRICT', taxName: 'CA SPECIAL TAX', rate: '0.012500', country: 'US', region: 'CA', postalPrefixes: SF },
  { level: 'COUNTY', code: '06037', name: 'LOS ANGELES', taxName: 'CA COUNTY TAX', rate: '0.002500', country: 'US', region: 'CA', postalPrefixes: LA },
  { level: 'SPECIAL', code: '06037-MTA', name: 'LOS ANGELES COUNTY MTA', taxName: 'CA SPECIAL TAX', rate: '0.022500', country: 'US', region: 'CA', postalPrefixes: LA },
  { level: 'STATE', code: '32', name: 'NEVADA', taxName: 'NV STATE TAX', rate: '0.046000', country: 'US', region: 'NV' },
  { level: 'COUNTY', code: '32031', name: 'WASHOE', taxName: 'NV COUNTY TAX', rate: '0.036850', country: 'US', region: 'NV', postalPrefixes: RENO },
  { level: 'STATE', code: '36', name: 'NEW YORK', taxName: 'NY STATE TAX', rate: '0.040000', country: 'US', region: 'NY' },
  { level: 'CITY', code: '3651000', name: 'NEW YORK CITY', taxName: 'NY CITY TAX', rate: '0.045000', country: 'US', region: 'NY', postalPrefixes: NYC },
  { level: 'SPECIAL', code: '36-MCTD', name: 'METROPOLITAN COMMUTER TRANSPORTATION DISTRICT', taxName: 'NY SPECIAL TAX', rate: '0.003750', country: 'US', region: 'NY', postalPrefixes: NYC },
  { level: 'STATE', code: '48', name: 'TEXAS', taxName: 'TX STATE TAX', rate: '0.062500', country: 'US', region: 'TX' },
  { level: 'CITY', code: '4805000', name: 'AUSTIN', taxName: 'TX CITY TAX', rate: '0.010000', country: 'US', region: 'TX', postalPrefixes: AUSTIN },
  { level: 'SPECIAL', code: '48-CMTA', name: 'CAPITAL METRO TRANSIT', taxName: 'TX SPECIAL TAX', rate: '0.010000', country: 'US', region: 'TX', postalPrefixes: AUSTIN },
  { level: 'STATE', code: '53', name: 'WASHINGTON', taxName: 'WA STATE TAX', rate: '0.065000', country: 'US', region: 'WA' },
  { level: 'CITY', code: '5363000', name: 'SEATTLE', taxName: 'WA CITY TAX', rate: '0.038500', country: 'US', region: 'WA', postalPrefixes: SEATTLE },
  // Oregon, Delaware, Montana, New Hampshire: no sales tax, so no entries.
  { level: 'COUNTRY', code: 'CA', name: 'CANADA', taxName: 'GST', rate: '0.050000', country: 'CA' },
  { level: 'STATE', code: 'CA-ON', name: 'ONTARIO', taxName: 'HST PROVINCIAL PART', rate: '0.080000', country: 'CA', region: 'ON' },
  { level: 'STATE', code: 'CA-BC', name: 'BRITISH COLUMBIA', taxName: 'PST', rate: '0.070000', country: 'CA', region: 'BC' },
  { level: 'STATE', code: 'CA-QC', name: 'QUEBEC', taxName: 'QST', rate: '0.099750', country: 'CA', region: 'QC' },
  { level: 'COUNTRY', code: 'MX', name: 'MEXICO', taxName: 'IVA', rate: '0.160000', country: 'MX' },
  { level: 'COUNTRY', code: 'GB', name: 'UNITED KINGDOM', taxName: 'VAT', rate: '0.200000', country: 'GB' },
  { level: 'COUNTRY', code: 'DE', name: 'GERMANY', taxName: 'MWST', rate: '0.190000', country: 'DE' },
  { level: 'COUNTRY', code: 'FR', name: 'FRANCE', taxName: 'TVA', rate: '0.200000', country: 'FR' },
  { level: 'COUNTRY', code: 'NL', name: 'NETHERLANDS', taxName: 'BTW', rate: '0.210000', country: 'NL' },
];

export interface TaxedPlace {
  readonly country: string;
  readonly region: string | null;
  readonly postalCode: string | null;
}

/** The jurisdictions that tax deliveries to `place`, broadest first (table order). */
export function jurisdictionsAt(place: TaxedPlace, table: readonly JurisdictionRate[] = RATE_TABLE): JurisdictionRate[] {
  const postal = (place.postalCode ?? '').replace(/\s+/g, '').toUpperCase();
  return table.filter(
    (entry) =>
      entry.country === place.country &&
      (entry.region === undefined || entry.region === place.region) &&
      (entry.postalPrefixes === undefined || entry.postalPrefixes.some((prefix) => postal.startsWith(prefix))),
  );
}
