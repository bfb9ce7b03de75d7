import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { postgresSecretOf, seedErpTable } from '../demo/demo-seed';
import { sampleOrder } from '../demo/sample-orders';
import { repoRoot, type E2EPlatform } from './e2e-platform';

/**
 * A tenant of its own for one end-to-end test: its admin, a secret for the embedded database,
 * and the demo ERP table `<tenant>_erp.orders` holding orders 1..count (2% bad, see
 * sample-orders.ts). Tenant ids here are plain lowercase words: they also name a SQL schema.
 */
export async function erpTenant(platform: E2EPlatform, tenant: string, count: number): Promise<void> {
  await platform.createTenant(tenant);
  await platform.call('PUT', `/tenants/${tenant}/secrets/${tenant}-erp`, { value: postgresSecretOf(platform.stack.urls.database) });
  const orders = Array.from({ length: count }, (_, i) => sampleOrder(i + 1));
  await seedErpTable(platform.stack.urls.database, orders, `${tenant}_erp`);
}

/**
 * examples/demo/erp-orders.yaml for another tenant and name, its taxApi sink replaced by
 * `taxApi` when given (the tests' own retry and circuit settings).
 */
export function erpPipeline(tenant: string, name: string, taxApi?: string): string {
  const document = readFileSync(join(repoRoot, 'examples', 'demo', 'erp-orders.yaml'), 'utf8')
    .replace('tenant: demo', `tenant: ${tenant}`)
    .replace('name: erp-orders', `name: ${name}`)
    .replace(`tenant: "'demo'"`, `tenant: "'${tenant}'"`)
    .replace(`pipeline: "'erp-orders'"`, `pipeline: "'${name}'"`)
    .replace('table: erp.orders', `table: ${tenant}_erp.orders`)
    .replace('schemas: [erp]', `schemas: [${tenant}_erp]`)
    .replace('secret: demo-erp', `secret: ${tenant}-erp`);
  if (taxApi === undefined) return document;
  const replaced = document.replace(/- taxApi: \{.*\}\n/, `- taxApi: ${taxApi}\n`);
  if (replaced === document) throw new Error('examples/demo/erp-orders.yaml has no one-line taxApi sink to replace');
  return replaced;
}

/** The TAXMAN sandbox's own routes (knobs, stats): see services/tax-api-sandbox/README.md. */
export async function sandbox<T = unknown>(platform: E2EPlatform, method: 'GET' | 'PUT', path: '/v1/knobs' | '/v1/stats', body?: unknown): Promise<T> {
  const answer = await fetch(platform.stack.urls.taxApi + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await answer.text();
  if (!answer.ok) throw new Error(`sandbox ${method} ${path}: ${answer.status} ${text}`);
  return JSON.parse(text) as T;
}

export interface SandboxStats {
  readonly requests: number;
  readonly calculations: number;
  readonly replays: number;
  readonly distinctOrders: number;
  readonly taxedTwice: number;
  readonly injectedErrors: number;
}
