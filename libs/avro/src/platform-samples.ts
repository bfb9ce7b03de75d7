import type { ConnectorCursor, ErrorRecord, RunEvent, TaxOrder, TaxResult } from './platform-records';

/**
 * One filled-in value of each platform record, every optional field set and every enum used, for
 * tests here and elsewhere (a connector's test, a sink's fixture) and for bench/avro.ts.
 * Values are canonical (decimals at their scale, lower-case uuids) so they read back equal.
 */
export function sampleTaxOrder(lineCount = 2): TaxOrder {
  return {
    orderId: 'SO-2024-000123',
    tenant: 'acme',
    pipeline: 'erp-orders',
    runId: '7d444840-9dc0-11d1-b245-5ffdce74fad2',
    documentType: 'SALES_INVOICE',
    orderDate: '2024-03-15',
    taxDate: null,
    updatedAt: new Date('2024-03-15T10:24:31.123Z'),
    currency: 'USD',
    customer: {
      customerId: 'C-10042',
      name: 'Northwind Traders',
      taxId: null,
      exemption: { certificateId: 'EX-CA-88121', reasonCode: 'RESALE', region: 'US-CA', expiresOn: '2026-12-31' },
    },
    shipFrom: { line1: '100 Warehouse Way', line2: null, city: 'Reno', region: 'NV', postalCode: '89502', country: 'US' },
    shipTo: { line1: '1 Market St', line2: 'Suite 300', city: 'San Francisco', region: 'CA', postalCode: '94105-1804', country: 'US' },
    lines: Array.from({ length: lineCount }, (_, i) => ({
      lineNumber: i + 1,
      sku: `SKU-${1000 + i}`,
      description: i % 2 === 0 ? `Widget model ${i}` : null,
      quantity: `${i + 1}.0000`,
      unitPrice: `${19 + i * 7}.9900`,
      taxCode: i % 2 === 0 ? 'P0000000' : null,
      discounts: i % 2 === 0 ? [{ code: 'SPRING10', amount: '2.0000' }] : [],
    })),
  };
}

export function sampleTaxResult(): TaxResult {
  const state = { level: 'STATE', code: '06', name: 'CALIFORNIA', taxName: 'CA STATE TAX', rate: '0.062500', taxableAmount: '17.9900', tax: '1.1244' } as const;
  const city = { level: 'CITY', code: '0667000', name: 'SAN FRANCISCO', taxName: null, rate: '0.023750', taxableAmount: '17.9900', tax: '0.4273' } as const;
  return {
    orderId: 'SO-2024-000123',
    tenant: 'acme',
    pipeline: 'erp-orders',
    runId: null,
    orderUpdatedAt: new Date('2024-03-15T10:24:31.123Z'),
    calculationId: 'calc_01HS3Z0M4R',
    calculatedAt: new Date('2024-03-15T10:24:32.456Z'),
    currency: 'USD',
    totalAmount: '17.9900',
    totalTaxable: '17.9900',
    totalExempt: '0.0000',
    totalTax: '1.5517',
    lines: [{ lineNumber: 1, sku: 'SKU-1000', amount: '17.9900', taxableAmount: '17.9900', exemptAmount: '0.0000', tax: '1.5517', taxCode: 'P0000000', jurisdictions: [{ ...state }, { ...city }] }],
    jurisdictions: [{ ...state }, { ...city }],
    attempt: 2,
    apiLatencyMs: 184,
  };
}

export function sampleErrorRecord(): ErrorRecord {
  return {
    tenant: 'acme',
    pipeline: 'erp-orders',
    runId: '7d444840-9dc0-11d1-b245-5ffdce74fad2',
    stage: 'VALIDATE',
    reasons: [
      { code: 'pattern', message: 'postal code 9410 does not match ^[0-9]{5}$', field: 'shipTo.postalCode' },
      { code: 'range', message: 'total -3.00 is below 0', field: null },
    ],
    attempt: 1,
    failedAt: new Date('2024-03-15T10:24:33.000Z'),
    recordKey: Buffer.from('SO-2024-000123'),
    originalPayload: Buffer.from([0, 0, 0, 0, 7, 2, 65]),
    sourceOffset: { topic: 'tributary.acme.erp-orders.mapped', partition: 3, offset: 48213377 },
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  };
}

export function sampleRunEvent(): RunEvent {
  return {
    eventId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    runId: '7d444840-9dc0-11d1-b245-5ffdce74fad2',
    tenant: 'acme',
    pipeline: 'erp-orders',
    type: 'PROGRESS',
    at: new Date('2024-03-15T10:25:00.000Z'),
    trigger: 'SCHEDULE',
    requestedBy: 'user:ops@acme.example',
    mode: 'INCREMENTAL',
    counts: [
      { stage: 'SOURCE', recordsIn: 1200, recordsOut: 1200, errors: 0, filtered: 0 },
      { stage: 'VALIDATE', recordsIn: 1180, recordsOut: 1175, errors: 5, filtered: 0 },
    ],
    error: null,
    reporter: 'validator-7f9c/4211/1a2b3c4d',
    quality: {
      records: 1180,
      failed: 5,
      rules: [{ rule: 'notNull', failures: 3 }, { rule: 'range', failures: 2 }],
      completeness: [{ field: 'customer.taxId', present: 1003, total: 1180 }],
      uniqueness: [{ field: 'orderId', present: 1180, distinct: 1180, exact: true, sketch: Buffer.from([0xed, 0xc1, 0x01, 0x01, 0x00]) }],
      sums: [{ field: 'lines[*].quantity', sum: '4211.5', count: 3540 }],
    },
  };
}

export function sampleConnectorCursor(): ConnectorCursor {
  return {
    tenant: 'acme',
    pipeline: 'erp-orders',
    connector: 'postgres',
    stream: 'public.orders',
    cursorField: 'updated_at',
    cursorValue: '2024-03-15T10:24:31.123Z',
    lastKey: 'SO-2024-000123',
    state: { snapshot: 'done', 'page-token': 'eyJvZmZzZXQiOjEyMDB9' },
    runId: '7d444840-9dc0-11d1-b245-5ffdce74fad2',
    updatedAt: new Date('2024-03-15T10:25:01.000Z'),
    runCounts: { read: 1200, published: 1197, errors: 3 },
  };
}
