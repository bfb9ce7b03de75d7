/**
 * Pipeline documents for tests: DESIGN.md's example, with the tenant, name and a few lines
 * chosen by the test.
 */
export function pipelineYaml(tenant: string, name: string, options: { schedule?: string; rangeMin?: number; comment?: string; partitions?: number } = {}): string {
  return `apiVersion: tributary/v1
kind: Pipeline
# ${options.comment ?? 'the orders of the ERP'}
metadata: { tenant: ${tenant}, name: ${name} }
source:
  connector: postgres
  connection: { secret: erp }
  table: orders
  mode: incremental
  cursor: updated_at
  key: order_id
${options.schedule ? `  schedule: "${options.schedule}"\n` : ''}transform:
  - rename: { order_id: orderId, cust_no: customerId }
validate:
  - notNull: [orderId, total]
  - range: { field: total, min: ${options.rangeMin ?? 0} }
sinks:
  - taxApi: { timeoutMs: 2000 }
  - mongodb: { collection: tax_results }
settings: { partitions: ${options.partitions ?? 2} }
`;
}

/** Sends a raw YAML body, as `curl --data-binary @pipeline.yaml -H 'Content-Type: application/yaml'` does. */
export async function sendYaml<T>(baseUrl: string, method: string, path: string, token: string, text: string): Promise<{ status: number; body: T; text: string }> {
  const response = await fetch(baseUrl + path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/yaml' }, body: text });
  const body = await response.text();
  return { status: response.status, body: (body ? JSON.parse(body) : undefined) as T, text: body };
}
