import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TaxResultDocument } from './tax-result-document';

/**
 * The latest TaxResult of one order of one pipeline (see the Results migration for the why of
 * each column). Written only through upsertResults, which keeps revisions in commit order.
 */
@Entity({ name: 'results' })
export class ResultEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ type: 'text' })
  pipeline!: string;

  /** The record key the pipeline chose (TaxResult.orderId). */
  @PrimaryColumn({ name: 'order_key', type: 'text' })
  orderKey!: string;

  @Column({ name: 'run_id', type: 'text', nullable: true })
  runId!: string | null;

  @Column({ name: 'calculated_at', type: 'timestamptz' })
  calculatedAt!: Date;

  @Column({ name: 'order_updated_at', type: 'timestamptz' })
  orderUpdatedAt!: Date;

  /** numeric(18,4) comes back from pg as a string; kept so, decimals never go through floats. */
  @Column({ name: 'total_tax', type: 'numeric', precision: 18, scale: 4 })
  totalTax!: string;

  @Column({ type: 'text' })
  currency!: string;

  /** The `tributary-source-offset` header of the record: where in its source the order came from. */
  @Column({ name: 'source_offset', type: 'text', nullable: true })
  sourceOffset!: string | null;

  /** bigint, as a string. */
  @Column({ type: 'bigint' })
  revision!: string;

  @Column({ name: 'written_at', type: 'timestamptz' })
  writtenAt!: Date;

  @Column({ type: 'jsonb' })
  result!: TaxResultDocument;
}
