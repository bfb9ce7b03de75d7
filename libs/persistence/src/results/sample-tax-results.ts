import type { DataSource } from 'typeorm';
import type { JurisdictionTaxDocument, TaxResultDocument } from './tax-result-document';

/**
 * Realistic TaxResults for tests and demos: three lines, each taxed by a state, a county and a
 * city, about 2 KB of JSON apiece (what a real TAXMAN answer weighs), so memory tests are honest.
 */
export function sampleTaxResult(tenant: string, pipeline: string, orderId: string, overrides: Partial<TaxResultDocument> = {}): TaxResultDocument {
  const at = overrides.calculatedAt ?? '2025-01-15T10:00:00.000Z';
  const jurisdictions: JurisdictionTaxDocument[] = [
    { level: 'STATE', code: '06', name: 'CALIFORNIA', taxName: 'CA STATE TAX', rate: '0.060000', taxableAmount: '100.0000', tax: '6.0000' },
    { level: 'COUNTY', code: '06075', name: 'SAN FRANCISCO', taxName: 'CA COUNTY TAX', rate: '0.012500', taxableAmount: '100.0000', tax: '1.2500' },
    { level: 'CITY', code: '0667000', name: 'SAN FRANCISCO', taxName: null, rate: '0.010000', taxableAmount: '100.0000', tax: '1.0000' },
  ];
  return {
    orderId,
    tenant,
    pipeline,
    runId: null,
    orderUpdatedAt: at,
    calculationId: `calc-${orderId}`,
    calculatedAt: at,
    currency: 'USD',
    totalAmount: '300.0000',
    totalTaxable: '300.0000',
    totalExempt: '0.0000',
    totalTax: '24.7500',
    lines: [1, 2, 3].map((lineNumber) => ({
      lineNumber,
      sku: `SKU-${lineNumber}00${lineNumber}`,
      amount: '100.0000',
      taxableAmount: '100.0000',
      exemptAmount: '0.0000',
      tax: '8.2500',
      taxCode: 'P0000000',
      jurisdictions,
    })),
    jurisdictions: jurisdictions.map((j) => ({ ...j, taxableAmount: '300.0000', tax: (Number(j.tax) * 3).toFixed(4) })),
    attempt: 1,
    apiLatencyMs: 42,
    ...overrides,
  };
}

/**
 * Inserts `count` sample results (order keys `<prefix>000001`, ...; one minute apart from
 * `start`; total tax varying with the row) in one INSERT ... SELECT generate_series, so a
 * hundred thousand rows cost the database, not this process's memory.
 */
export async function insertSampleResults(
  dataSource: DataSource,
  tenant: string,
  pipeline: string,
  count: number,
  options: { keyPrefix?: string; runId?: string; start?: Date } = {},
): Promise<void> {
  const template = sampleTaxResult(tenant, pipeline, 'ORDER');
  await dataSource.query(
    `INSERT INTO results (tenant_id, pipeline, order_key, run_id, calculated_at, order_updated_at, total_tax, currency, source_offset, result)
     SELECT $1, $2, key, $4, at, at, tax, 'USD', 'row:' || i,
            $5::jsonb || jsonb_build_object('orderId', key, 'runId', $4::text, 'calculatedAt', to_json(at), 'orderUpdatedAt', to_json(at),
                                            'calculationId', 'calc-' || key, 'totalTax', tax::text)
     FROM generate_series(1, $3::int) AS i,
          LATERAL (SELECT $6 || lpad(i::text, 6, '0') AS key, $7::timestamptz + i * interval '1 minute' AS at,
                          (i % 1000)::numeric(18,4) + 0.25 AS tax) AS row`,
    [tenant, pipeline, count, options.runId ?? null, JSON.stringify(template), options.keyPrefix ?? 'ORD-', options.start ?? new Date('2025-01-01T00:00:00Z')],
  );
}
