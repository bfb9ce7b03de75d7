import type { DataSource } from 'typeorm';

/**
 * A pipeline row as `apply` leaves it, without applying (which needs Kafka and a registry):
 * enough for routes that only ask whether the tenant has the pipeline, like the results routes.
 */
export async function insertPipelineRow(dataSource: DataSource, tenant: string, name: string): Promise<void> {
  await dataSource.query(
    `INSERT INTO pipelines (tenant_id, name, status, current_version, last_action, announce_pending, created_by)
     VALUES ($1, $2, 'active', 1, 'applied', false, 'test') ON CONFLICT DO NOTHING`,
    [tenant, name],
  );
}
