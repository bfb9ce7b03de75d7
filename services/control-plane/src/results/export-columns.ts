import type { ResultRecord } from '@tributary/persistence';

/**
 * The flat columns of the CSV and Parquet downloads, one table for both so they never differ:
 * a result's scalar fields as columns, its lines and jurisdictions as JSON text (a spreadsheet
 * can still read the totals; a program can still read every line). NDJSON carries the whole
 * record instead.
 */
export interface ExportColumn {
  readonly name: string;
  /** Parquet's view of the column: text, exact decimal(18,4), UTC instant, integer, or JSON text. */
  readonly kind: 'string' | 'decimal' | 'timestamp' | 'integer' | 'json';
  readonly nullable: boolean;
  readonly value: (r: ResultRecord) => string | number | null | object;
}

export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { name: 'order_key', kind: 'string', nullable: false, value: (r) => r.orderKey },
  { name: 'run_id', kind: 'string', nullable: true, value: (r) => r.runId },
  { name: 'calculated_at', kind: 'timestamp', nullable: false, value: (r) => r.calculatedAt },
  { name: 'order_updated_at', kind: 'timestamp', nullable: false, value: (r) => r.result.orderUpdatedAt },
  { name: 'currency', kind: 'string', nullable: false, value: (r) => r.currency },
  { name: 'total_amount', kind: 'decimal', nullable: false, value: (r) => r.result.totalAmount },
  { name: 'total_taxable', kind: 'decimal', nullable: false, value: (r) => r.result.totalTaxable },
  { name: 'total_exempt', kind: 'decimal', nullable: false, value: (r) => r.result.totalExempt },
  { name: 'total_tax', kind: 'decimal', nullable: false, value: (r) => r.totalTax },
  { name: 'calculation_id', kind: 'string', nullable: false, value: (r) => r.result.calculationId },
  { name: 'source_offset', kind: 'string', nullable: true, value: (r) => r.sourceOffset },
  { name: 'attempt', kind: 'integer', nullable: false, value: (r) => r.result.attempt },
  { name: 'lines', kind: 'json', nullable: false, value: (r) => r.result.lines },
  { name: 'jurisdictions', kind: 'json', nullable: false, value: (r) => r.result.jurisdictions },
  { name: 'revision', kind: 'integer', nullable: false, value: (r) => r.revision },
];
