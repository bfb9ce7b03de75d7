// The TAXMAN example pipeline (examples/taxman-erp/pipeline.yaml) written by hand in plain
// TypeScript, for `npm run bench -- transforms --by-hand`: what the same steps and rules cost
// without any engine (no paths, no step chain, no expression evaluator, one object built once),
// so the engine's figure can be read against the fastest this machine does the work.
//
// It is not a second implementation of the pipeline for use anywhere else: it handles the
// example's columns only, its failures carry no reasons, and the bench checks first that it
// maps and judges the example rows exactly as the engine does. Values are the steps' form:
// dates as days since 1970-01-01, timestamps as epoch milliseconds, decimals as numbers.

type Row = Record<string, unknown>;
type Line = Record<string, unknown>;

const DAY_MS = 86_400_000;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DOCUMENT_TYPES = new Map([
  ['INV', 'SALES_INVOICE'],
  ['QUO', 'SALES_ORDER'],
  ['RMA', 'RETURN_INVOICE'],
]);
const COUNTRIES = new Map([
  ['USA', 'US'],
  ['UNITED STATES', 'US'],
  ['UK', 'GB'],
]);
const SHIP_TO_COUNTRIES = new Set(['US', 'CA', 'MX', 'GB', 'NL', 'DE', 'FR']);
const MONEY_SIGNS = /[$€£\s]/g;
const CURRENCY = /^[A-Z]{3}$/;
const PROSE_DATE = /^([A-Za-z]+) (\d{1,2}), (\d{4})$/;
const EARLIEST_ORDER_DAY = Date.UTC(2000, 0, 1) / DAY_MS;

/** Raised inside transform for a value a step or mapToSchema refuses; caught at its end. */
class Refused extends Error {}
// One instance, thrown again and again: a new Error a refusal would capture a stack each time.
const REFUSED = new Refused();
const refuse = (): never => {
  throw REFUSED;
};

const text = (v: unknown): unknown => (typeof v === 'number' ? String(v) : v);
const trimmed = (v: unknown): unknown => (typeof v === 'string' ? v.trim() : v);
const upper = (v: unknown): unknown => (typeof v === 'string' ? v.toUpperCase() : v);
const blankToNull = (v: unknown): unknown => (v === '' ? null : v);
const orNull = (v: unknown): unknown => (v === undefined ? null : v);
const requiredText = (v: unknown): string => (typeof v === 'string' ? v : refuse());
const optionalText = (v: unknown): string | null => (v === undefined || v === null ? null : typeof v === 'string' ? v : refuse());

function day(year: number, month: number, dayOfMonth: number): number {
  if (!(month >= 1 && month <= 12 && dayOfMonth >= 1 && dayOfMonth <= 31)) refuse();
  const at = Date.UTC(year, month - 1, dayOfMonth);
  if (new Date(at).getUTCDate() !== dayOfMonth) refuse();
  return at / DAY_MS;
}

const digits = (s: string, from: number, to: number): number => {
  const n = Number(s.slice(from, to));
  return Number.isInteger(n) ? n : refuse();
};
const isoDay = (s: string): number => (s.length === 10 && s[4] === '-' && s[7] === '-' ? day(digits(s, 0, 4), digits(s, 5, 7), digits(s, 8, 10)) : refuse());

function slashedDay(s: string, monthFirst: boolean): number {
  const parts = s.split('/');
  if (parts.length !== 3 || parts[2].length !== 4) refuse();
  const [a, b, year] = parts.map(Number);
  return monthFirst ? day(year, a, b) : day(year, b, a);
}

function proseDay(s: string): number {
  const m = PROSE_DATE.exec(s) ?? refuse();
  const month = MONTHS.indexOf(m[1].toLowerCase()) + 1;
  return day(Number(m[3]), month, Number(m[2]));
}

/** America/Chicago's offset from UTC, by the hour: Intl is slow, and the offset changes on hour boundaries. */
const chicagoOffsets = new Map<number, number>();
const chicago = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Chicago', hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric' });
function chicagoOffsetAt(utcMs: number): number {
  const hour = Math.floor(utcMs / 3_600_000);
  let offset = chicagoOffsets.get(hour);
  if (offset === undefined) {
    const p: Record<string, number> = {};
    for (const part of chicago.formatToParts(new Date(hour * 3_600_000))) p[part.type] = Number(part.value);
    offset = Date.UTC(p.year, p.month - 1, p.day, p.hour) - hour * 3_600_000;
    chicagoOffsets.set(hour, offset);
  }
  return offset;
}

/** 'yyyy-MM-dd HH:mm:ss' read as Chicago local time, in epoch milliseconds. */
function chicagoTimestamp(v: unknown): number {
  const s = requiredText(v);
  if (s.length !== 19 || s[4] !== '-' || s[7] !== '-' || s[10] !== ' ' || s[13] !== ':' || s[16] !== ':') refuse();
  const local = day(digits(s, 0, 4), digits(s, 5, 7), digits(s, 8, 10)) * DAY_MS + digits(s, 11, 13) * 3_600_000 + digits(s, 14, 16) * 60_000 + digits(s, 17, 19) * 1000;
  return local - chicagoOffsetAt(local - chicagoOffsetAt(local));
}

/** A decimal(18,4) from a number or text ('1,234.50' when groups are allowed). */
function decimal(v: unknown, groups: boolean): number {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.round(v * 1e4) / 1e4 : refuse();
  if (typeof v !== 'string') return refuse();
  const s = groups ? v.replace(/,/g, '') : v;
  const n = s.trim() === '' ? NaN : Number(s);
  return Number.isFinite(n) ? Math.round(n * 1e4) / 1e4 : refuse();
}

const withoutMoneySigns = (v: unknown): unknown => (typeof v === 'string' ? v.replace(MONEY_SIGNS, '') : v);

function lineNumber(v: unknown): number {
  const n = typeof v === 'string' ? Number(v.trim()) : v;
  return typeof n === 'number' && Number.isInteger(n) ? n : refuse();
}

function orderLine(l: unknown): Line {
  if (typeof l !== 'object' || l === null) return refuse();
  const line = l as Line;
  const discounts = line.discounts === undefined || line.discounts === null ? [] : Array.isArray(line.discounts) ? line.discounts : refuse();
  return {
    lineNumber: lineNumber(line.lineNumber),
    sku: requiredText(trimmed(line.sku)),
    description: optionalText(line.description),
    quantity: decimal(line.quantity, false),
    unitPrice: decimal(withoutMoneySigns(line.unitPrice), true),
    taxCode: optionalText(line.taxCode),
    discounts: discounts.map((d: Line) => ({ code: optionalText(d.code), amount: decimal(withoutMoneySigns(d.amount), true) })),
  };
}

function address(line1: unknown, line2: unknown, city: unknown, region: unknown, postalCode: unknown, country: unknown): Row {
  return { line1: requiredText(line1), line2: optionalText(line2), city: requiredText(city), region: optionalText(region), postalCode: optionalText(postalCode), country: requiredText(country) };
}

/** One ERP row to its TaxOrder, or null when a step or the schema refuses it. */
export function transformByHand(row: Row): Row | null {
  try {
    const dateText = requiredText(row['Inv Date']);
    const orderDay = dateText.includes('/') ? slashedDay(dateText, false) : dateText.includes(',') ? proseDay(dateText) : isoDay(dateText);
    const documentType = DOCUMENT_TYPES.get(upper(row.DOC_TYP) as string) ?? refuse();
    const shipToCountry = upper(row.SHIPTO_CTRY);
    const fromCountry = row.WH_CTRY;
    const fromPostalCode = text(row.WH_ZIP);
    const certificateId = row['Tax Exempt Cert#'];
    const expires = blankToNull(orNull(row['Cert Exp']));
    const exemption =
      certificateId === undefined || certificateId === null || certificateId === ''
        ? null
        : { certificateId: requiredText(certificateId), reasonCode: requiredText(upper(row['Exempt Rsn'])), region: null, expiresOn: expires === null ? null : slashedDay(requiredText(expires), true) };
    const lines = Array.isArray(row.LINES) ? row.LINES.map(orderLine) : refuse();
    return {
      orderId: requiredText(trimmed(row.ORD_NO)),
      tenant: 'acme',
      pipeline: 'erp-orders',
      runId: null,
      documentType,
      orderDate: orderDay,
      taxDate: null,
      updatedAt: chicagoTimestamp(row.LAST_UPD),
      currency: requiredText(upper(trimmed(row.CURR)) ?? 'USD'),
      customer: { customerId: requiredText(trimmed(text(row['Cust#']))), name: optionalText(row['Cust Name']), taxId: optionalText(blankToNull(row['VAT/Tax ID'])), exemption },
      shipFrom: address(
        row.WH_ADDR,
        null,
        row.WH_CITY,
        blankToNull(upper(row.WH_ST)),
        fromCountry === 'US' && typeof fromPostalCode === 'string' ? fromPostalCode.padStart(5, '0') : fromPostalCode,
        fromCountry,
      ),
      shipTo: address(row.SHIPTO_ADDR1, blankToNull(row.SHIPTO_ADDR2), trimmed(row.SHIPTO_CITY), blankToNull(upper(row['SHIPTO_STATE/PROV'])), text(row.SHIPTO_ZIP), COUNTRIES.get(shipToCountry as string) ?? shipToCountry),
      lines,
    };
  } catch (e) {
    if (e instanceof Refused) return null;
    throw e;
  }
}

/** notNull's missing: null, or text of nothing but whitespace (ERP exports write "" for nothing). */
const blank = (v: unknown): boolean => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/**
 * The example's ten rules over one TaxOrder: how many failed. `seen` is the `unique` rule's
 * window (key to last sighting), as the engine's KeyWindow keeps it.
 */
export function checkByHand(order: Row, nowMs: number, seen: Map<string, number>): number {
  const customer = order.customer as Row;
  const shipTo = order.shipTo as Row;
  const lines = order.lines as Line[];
  const orderDate = order.orderDate as number;
  let failed = 0;
  if (blank(order.orderId) || blank(customer.customerId) || blank(shipTo.line1) || blank(shipTo.city) || blank(shipTo.country) || lines.some((l) => blank(l.sku))) failed++;
  if (!Number.isInteger(orderDate)) failed++;
  if (orderDate < EARLIEST_ORDER_DAY || orderDate > (nowMs + DAY_MS) / DAY_MS) failed++;
  if (lines.some((l) => !((l.quantity as number) > 0))) failed++;
  if (lines.some((l) => !((l.unitPrice as number) >= 0))) failed++;
  if (!CURRENCY.test(order.currency as string)) failed++;
  if (!SHIP_TO_COUNTRIES.has(shipTo.country as string)) failed++;
  if (lines.length < 1 || lines.length > 500) failed++;
  const exemption = customer.exemption as Row | null;
  if (exemption !== null && exemption.expiresOn !== null && (exemption.expiresOn as number) < orderDate) failed++;
  const key = `${order.orderId as string}\u0000${order.updatedAt as number}`;
  const last = seen.get(key);
  if (last !== undefined) {
    seen.delete(key);
    if (nowMs - last < DAY_MS) failed++;
  }
  seen.set(key, nowMs);
  return failed;
}
