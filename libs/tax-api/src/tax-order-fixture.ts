import type { OrderLine, TaxOrder } from '@tributary/avro';

/**
 * A valid TaxOrder to San Francisco (two lines: a taxable widget with a discount, shipping),
 * for tests, demos and benchmarks of the TAXMAN path. `lines` replaces the lines; anything
 * else in `overrides` replaces that field. Values are canonical (decimals at scale 4).
 */
export function taxOrderFixture(overrides: Partial<TaxOrder> = {}): TaxOrder {
  return {
    orderId: 'SO-1001',
    tenant: 'acme',
    pipeline: 'erp-orders',
    runId: null,
    documentType: 'SALES_INVOICE',
    orderDate: '2024-03-15',
    taxDate: null,
    updatedAt: new Date('2024-03-15T10:24:31.123Z'),
    currency: 'USD',
    customer: { customerId: 'C-10042', name: 'Northwind Traders', taxId: null, exemption: null },
    shipFrom: { line1: '100 Warehouse Way', line2: null, city: 'Reno', region: 'NV', postalCode: '89502', country: 'US' },
    shipTo: { line1: '1 Market St', line2: 'Suite 300', city: 'San Francisco', region: 'CA', postalCode: '94105-1804', country: 'US' },
    lines: [
      orderLineFixture({ lineNumber: 1, sku: 'WIDGET-1', quantity: '2.0000', unitPrice: '19.9900', taxCode: 'P0000000', discounts: [{ code: 'SPRING10', amount: '2.0000' }] }),
      orderLineFixture({ lineNumber: 2, sku: 'SHIPPING', quantity: '1.0000', unitPrice: '7.5000', taxCode: 'FR020100' }),
    ],
    ...overrides,
  };
}

export function orderLineFixture(overrides: Partial<OrderLine> = {}): OrderLine {
  return { lineNumber: 1, sku: 'WIDGET-1', description: null, quantity: '1.0000', unitPrice: '10.0000', taxCode: null, discounts: [], ...overrides };
}
