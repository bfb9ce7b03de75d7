import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { ordersAsCsv, sampleOrder, SAMPLE_COLUMNS } from './sample-orders';

export interface DemoSeedOptions {
  readonly controlPlaneUrl: string;
  readonly admin: { readonly email: string; readonly password: string };
  /** The embedded database: the demo ERP's table lives there too. */
  readonly databaseUrl: string;
  readonly dataDir: string;
  readonly root: string;
  readonly orders?: number;
}

export interface DemoSeeded {
  readonly tenant: string;
  readonly tenantAdmin: { readonly email: string; readonly password: string };
  readonly created: boolean;
  readonly pipelines: readonly string[];
}

export const DEMO_TENANT = 'demo';

/**
 * What `npm start` puts in a fresh data folder so a newcomer has something to run: tenant `demo`
 * with its admin, a sample ERP table (erp.orders in the embedded database) and a secret to read
 * it, a CSV drop folder with a first file, and the two example pipelines of examples/demo. Skipped
 * when the tenant exists: a restart resumes from the data folder rather than reseeding it.
 */
export async function seedDemo(options: DemoSeedOptions): Promise<DemoSeeded> {
  const api = await platformAdmin(options.controlPlaneUrl, options.admin);
  const tenantAdmin = { email: 'admin@demo.test', password: demoPassword(options.dataDir) };
  const pipelines = ['erp-orders', 'csv-orders'];
  const { items } = await api<{ items: { id: string }[] }>('GET', '/tenants');
  if (items.some((t) => t.id === DEMO_TENANT)) return { tenant: DEMO_TENANT, tenantAdmin, created: false, pipelines };

  const orders = Array.from({ length: options.orders ?? 500 }, (_, i) => sampleOrder(i + 1));
  await seedErpTable(options.databaseUrl, orders);
  const drop = join(options.dataDir, 'files', DEMO_TENANT, 'drop');
  mkdirSync(drop, { recursive: true });
  writeFileSync(join(drop, 'orders-0001.csv'), ordersAsCsv(orders.slice(0, 200)));

  await api('POST', '/tenants', { id: DEMO_TENANT, displayName: 'Demo company', admin: tenantAdmin });
  await api('PUT', `/tenants/${DEMO_TENANT}/secrets/demo-erp`, { value: postgresSecretOf(options.databaseUrl) });
  for (const name of pipelines) {
    await api('POST', `/tenants/${DEMO_TENANT}/pipelines`, { document: readFileSync(join(options.root, 'examples', 'demo', `${name}.yaml`), 'utf8') });
  }
  return { tenant: DEMO_TENANT, tenantAdmin, created: true, pipelines };
}

/**
 * The connection secret (JSON) a postgres source needs to read the database at `databaseUrl`:
 * the demo's and the tests' ERP tables live in the platform's own database. A URL without a port
 * means PostgreSQL's 5432.
 */
export function postgresSecretOf(databaseUrl: string): string {
  const db = new URL(databaseUrl);
  return JSON.stringify({
    host: db.hostname,
    port: Number(db.port || 5432),
    database: decodeURIComponent(db.pathname.slice(1)),
    user: decodeURIComponent(db.username),
    password: decodeURIComponent(db.password),
  });
}

/** The demo ERP: a plain table `<schema>.orders` with the ERP's own column names (schema: a trusted name of ours, never user text). */
export async function seedErpTable(databaseUrl: string, orders: ReturnType<typeof sampleOrder>[], schema = 'erp'): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${schema}.orders (
      ${SAMPLE_COLUMNS.map((c) => `${c} ${c === 'quantity' || c === 'unit_price' ? 'numeric(18,4)' : c === 'order_date' ? 'date' : c === 'updated_at' ? 'timestamptz' : 'text'}`).join(', ')},
      PRIMARY KEY (order_id))`);
    await client.query(`CREATE INDEX IF NOT EXISTS orders_updated_at ON ${schema}.orders (updated_at, order_id)`);
    for (let i = 0; i < orders.length; i += 500) {
      const chunk = orders.slice(i, i + 500);
      const values: unknown[] = [];
      const rows = chunk.map((o) => `(${SAMPLE_COLUMNS.map((c) => (values.push(o[c]), `$${values.length}`)).join(',')})`);
      await client.query(
        `INSERT INTO ${schema}.orders (${SAMPLE_COLUMNS.join(',')}) VALUES ${rows.join(',')}
         ON CONFLICT (order_id) DO UPDATE SET ${SAMPLE_COLUMNS.filter((c) => c !== 'order_id').map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`,
        values,
      );
    }
  } finally {
    await client.end();
  }
}

/** A REST caller logged in as the platform admin. */
async function platformAdmin(url: string, admin: { email: string; password: string }) {
  const login = await fetch(`${url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) });
  if (!login.ok) throw new Error(`the demo could not log in as ${admin.email}: ${login.status} ${await login.text()}`);
  const { accessToken } = (await login.json()) as { accessToken: string };
  return async <T = unknown>(method: string, path: string, body?: unknown): Promise<T> => {
    const answer = await fetch(url + path, {
      method,
      headers: { authorization: `Bearer ${accessToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await answer.text();
    if (!answer.ok) throw new Error(`the demo's ${method} ${path} was refused: ${answer.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

/** The demo tenant admin's password: made up once, kept beside the platform admin's. */
function demoPassword(dataDir: string): string {
  const file = join(dataDir, 'stack', 'demo-admin-password');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(12).toString('base64url');
  mkdirSync(join(dataDir, 'stack'), { recursive: true });
  writeFileSync(file, password + '\n', { mode: 0o600 });
  return password;
}
