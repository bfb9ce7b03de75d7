import type { Address, TaxOrder } from '@tributary/avro';
import type { TaxRequest } from './taxman-contract';

/**
 * The TAXMAN request for an order: TaxOrder's tax-relevant fields, as they are (decimals are
 * already exact text at scale 4, dates already YYYY-MM-DD). Built field by field in a fixed
 * order, so one order always serializes to the same bytes: the idempotency key hashes them.
 * Left out: updatedAt and runId (Tributary's bookkeeping, not the sale's) and the pipeline
 * name (TAXMAN knows companies, not pipelines).
 */
export function taxRequestOf(order: TaxOrder, companyCode: string): TaxRequest {
  return {
    companyCode,
    orderId: order.orderId,
    documentType: order.documentType,
    orderDate: order.orderDate,
    taxDate: order.taxDate,
    currency: order.currency,
    customer: {
      customerId: order.customer.customerId,
      name: order.customer.name,
      taxId: order.customer.taxId,
      exemption:
        order.customer.exemption === null
          ? null
          : {
              certificateId: order.customer.exemption.certificateId,
              reasonCode: order.customer.exemption.reasonCode,
              region: order.customer.exemption.region,
              expiresOn: order.customer.exemption.expiresOn,
            },
    },
    shipFrom: addressOf(order.shipFrom),
    shipTo: addressOf(order.shipTo),
    lines: order.lines.map((line) => ({
      lineNumber: line.lineNumber,
      sku: line.sku,
      description: line.description,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      taxCode: line.taxCode,
      discounts: line.discounts.map((discount) => ({ code: discount.code, amount: discount.amount })),
    })),
  };
}

function addressOf(address: Address): TaxRequest['shipTo'] {
  return {
    line1: address.line1,
    line2: address.line2,
    city: address.city,
    region: address.region,
    postalCode: address.postalCode,
    country: address.country,
  };
}
