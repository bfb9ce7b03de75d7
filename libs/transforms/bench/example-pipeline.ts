// The example pipeline the throughput target is stated for: the DESIGN.md erp-orders
// transform plus the usual cleansing (14 steps), six quality-rule stand-ins, and input records.
import { compileExpression } from '../src/index';

export const EXAMPLE_STEPS: Record<string, unknown>[] = [
  { rename: { order_id: 'orderId', cust_no: 'customerId' } },
  { trim: ['customerName', 'shipTo.postalCode'] },
  { cast: { net: 'double', shipping: 'double', orderDate: { type: 'date', format: 'dd.MM.yyyy' } } },
  { set: { currency: 'upper(currency)', total: 'round(net + shipping, 2)' } },
  { default: { currency: 'USD', 'shipTo.country': 'US' } },
  { upper: 'shipTo.country' },
  { lookup: { key: 'shipTo.country', table: { US: { region: 'AMER' }, DE: { region: 'EMEA' } }, fields: { region: 'region' }, onMissing: 'null' } },
  { convertCurrency: { amount: 'total', from: 'currency', to: 'USD', rates: { USD: 1, EUR: 0.92, GBP: 0.79 }, target: 'totalUsd' } },
  { filter: "status != 'cancelled'" },
  { regexExtract: { field: 'reference', pattern: 'INV-(\\d+)', target: 'invoiceNo' } },
  { coalesce: { contact: ['email', 'phone', "'none'"] } },
  { set: { lineCount: 'count(lines[*].sku)', linesTotal: 'round(sum(lines[*].amount), 2)' } },
  { drop: ['internalNote'] },
  {
    mapToSchema: {
      schema: {
        type: 'record',
        name: 'TaxOrder',
        fields: [
          { name: 'orderId', type: 'long' },
          { name: 'customerId', type: 'string' },
          { name: 'customerName', type: 'string' },
          { name: 'currency', type: 'string' },
          { name: 'total', type: { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 2 } },
          { name: 'totalUsd', type: 'double' },
          { name: 'orderDate', type: { type: 'int', logicalType: 'date' } },
          { name: 'region', type: ['null', 'string'], default: null },
          { name: 'invoiceNo', type: ['null', 'string'], default: null },
          { name: 'contact', type: 'string' },
          { name: 'shipTo', type: { type: 'record', name: 'Address', fields: [{ name: 'country', type: 'string' }, { name: 'postalCode', type: 'string' }] } },
          { name: 'lines', type: { type: 'array', items: { type: 'record', name: 'Line', fields: [{ name: 'sku', type: 'string' }, { name: 'amount', type: 'double' }] } } },
          { name: 'lineCount', type: 'int' },
          { name: 'linesTotal', type: 'double' },
        ],
      },
    },
  },
];

// Stand-ins for six quality rules, evaluated the way a rule would: one compiled expression each.
export const EXAMPLE_RULES = ['orderId != null', 'total >= 0', "shipTo.country != null", "length(shipTo.postalCode) == 5", 'lineCount > 0', 'abs(linesTotal - total) < 1000'].map((r) => compileExpression(r));

export function exampleRecord(i: number): Record<string, unknown> {
  return {
    order_id: i,
    cust_no: `C${i % 1000}`,
    customerName: '  Acme Corp ',
    net: '100.50',
    shipping: 4.99,
    currency: i % 2 ? 'eur' : 'usd',
    orderDate: '01.03.2024',
    status: i % 50 === 0 ? 'cancelled' : 'open',
    reference: `INV-${i}`,
    email: null,
    phone: '+49 30 1234',
    internalNote: 'x',
    shipTo: { country: i % 3 ? 'de' : 'us', postalCode: ' 10115 ' },
    lines: [{ sku: 'A', amount: 50.25 }, { sku: 'B', amount: 50.25 }],
  };
}

