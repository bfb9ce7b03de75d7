/**
 * Deterministic sample ERP orders (one order line per row, the ERP's own flat column names) for
 * the demo and the end-to-end tests and bench: the same rows go into a PostgreSQL table and into
 * CSV files. Every `badEvery`-th order is deliberately wrong in one field, in turn: no ship-to
 * country, a negative quantity, a currency that is no ISO code. Those must end in `<p>.errors`
 * with a reason naming the field; all others become results.
 */
export interface SampleOrder {
  order_id: string;
  customer_id: string;
  customer_name: string;
  order_date: string;
  currency: string;
  ship_from_line1: string;
  ship_from_city: string;
  ship_from_region: string;
  ship_from_postal: string;
  ship_from_country: string;
  ship_to_line1: string;
  ship_to_city: string;
  ship_to_region: string;
  ship_to_postal: string;
  ship_to_country: string | null;
  sku: string;
  description: string;
  quantity: string;
  unit_price: string;
  tax_code: string;
  updated_at: string;
}

/** Which field a bad order gets wrong, in turn; the field name its ErrorRecord must carry. */
export const BAD_FIELDS = ['shipTo.country', 'lines[0].quantity', 'currency'] as const;

const CITIES = [
  ['Austin', 'TX', '787'],
  ['Seattle', 'WA', '981'],
  ['Denver', 'CO', '802'],
  ['Chicago', 'IL', '606'],
  ['Miami', 'FL', '331'],
  ['Portland', 'OR', '972'],
  ['Boston', 'MA', '021'],
  ['Phoenix', 'AZ', '850'],
] as const;
const SKUS = [
  ['WID-100', 'Widget, standard', 'P0000000'],
  ['GAD-220', 'Gadget, deluxe', 'P0000000'],
  ['SRV-010', 'Installation service', 'S0000000'],
  ['FD-001', 'Groceries bundle', 'PF050000'],
] as const;

export interface SampleOptions {
  /** First order number (ids are `SO-<n>`); default 1. */
  readonly from?: number;
  /** Every n-th order is bad; 0 for none. Default 50 (2%). */
  readonly badEvery?: number;
  /** Changes the price and moves updated_at `revision` months later, as an ERP update (or a later insert) would; default 0. */
  readonly revision?: number;
}

export function sampleOrder(n: number, options: SampleOptions = {}): SampleOrder {
  const badEvery = options.badEvery ?? 50;
  const revision = options.revision ?? 0;
  const [city, region, zip] = CITIES[n % CITIES.length];
  const [sku, description, taxCode] = SKUS[(n >> 3) % SKUS.length];
  const day = 1 + (n % 28);
  const order: SampleOrder = {
    order_id: `SO-${String(n).padStart(7, '0')}`,
    customer_id: `C-${1000 + (n % 397)}`,
    customer_name: `Customer ${1000 + (n % 397)}`,
    order_date: `2026-10-${String(day).padStart(2, '0')}`,
    currency: 'USD',
    ship_from_line1: '1 Warehouse Way',
    ship_from_city: 'Reno',
    ship_from_region: 'NV',
    ship_from_postal: '89501',
    ship_from_country: 'US',
    ship_to_line1: `${100 + (n % 900)} Main St`,
    ship_to_city: city,
    ship_to_region: region,
    ship_to_postal: `${zip}${String(n % 100).padStart(2, '0')}`,
    ship_to_country: 'US',
    sku,
    description,
    quantity: String(1 + (n % 5)),
    unit_price: (9.99 + (n % 40) * 2.5 + revision).toFixed(2),
    tax_code: taxCode,
    updated_at: new Date(Date.UTC(2026, 9 + revision, day, 12, 0, 0)).toISOString(),
  };
  if (badEvery > 0 && n % badEvery === 0) {
    const field = BAD_FIELDS[(n / badEvery) % BAD_FIELDS.length];
    if (field === 'shipTo.country') order.ship_to_country = null;
    else if (field === 'lines[0].quantity') order.quantity = '-2';
    else order.currency = 'US$';
  }
  return order;
}

/** Whether order n is one of the deliberately bad ones, and which field is wrong. */
export function badFieldOf(n: number, badEvery = 50): (typeof BAD_FIELDS)[number] | undefined {
  return badEvery > 0 && n % badEvery === 0 ? BAD_FIELDS[(n / badEvery) % BAD_FIELDS.length] : undefined;
}

export const SAMPLE_COLUMNS = Object.keys(sampleOrder(1)) as (keyof SampleOrder)[];

/** Orders as CSV text with a header row (RFC 4180 quoting where needed; null is an empty field). */
export function ordersAsCsv(orders: readonly SampleOrder[]): string {
  const quote = (v: string | null) => (v === null ? '' : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [SAMPLE_COLUMNS.join(','), ...orders.map((o) => SAMPLE_COLUMNS.map((c) => quote(o[c])).join(','))].join('\n') + '\n';
}
