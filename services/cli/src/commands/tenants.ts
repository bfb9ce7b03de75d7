import { UsageError } from '../cli-error';
import { readSecret } from '../terminal/secret-input';
import { renderTable, shortTime } from '../terminal/table';
import { println, type Terminal } from '../terminal/terminal';
import { clientFor, flag, parseRemote, printJson, REMOTE_HELP, showHelp } from './remote-command';

export const tenantsHelp = `tributary tenants: list tenants, or create one (platform admins)

Usage: tributary tenants [list]
       tributary tenants create ID --name "Display Name" --admin-email EMAIL

  --name TEXT               the tenant's display name (create; default: the id)
  --admin-email EMAIL       the tenant's first admin user (create)
${REMOTE_HELP}

The first admin's password is asked without echo, or read from stdin when it is not a terminal.
A platform admin sees every tenant; anyone else sees their own.`;

interface TenantView {
  id: string;
  displayName: string;
  createdAt: string;
}

export async function runTenants(args: string[], terminal: Terminal): Promise<number> {
  const { values, positionals } = parseRemote(args, { name: { type: 'string' }, 'admin-email': { type: 'string' } }, { min: 0, max: 2, usage: "'list' or 'create ID'" });
  if (values.help) return showHelp(terminal, tenantsHelp);
  const [action = 'list', id] = positionals;
  const client = clientFor(values, terminal);
  if (action === 'list' && id === undefined) {
    const { items } = await client.call<{ items: TenantView[] }>('GET', '/tenants');
    if (values.json) printJson(terminal, items);
    else println(terminal.stdout, renderTable(['id', 'name', 'created'], items.map((t) => [t.id, t.displayName, shortTime(t.createdAt)])));
    return 0;
  }
  if (action !== 'create' || id === undefined) throw new UsageError(`expected 'list' or 'create ID', got '${positionals.join(' ')}'`);
  const email = flag(values, 'admin-email');
  if (!email) throw new UsageError('--admin-email is required: the tenant gets a first admin user');
  const password = await readSecret(terminal, `Password for ${email}: `);
  const created = await client.call<{ tenant: TenantView; admin: { email: string } }>('POST', '/tenants', {
    body: { id, displayName: flag(values, 'name') ?? id, admin: { email, password } },
  });
  if (values.json) printJson(terminal, created);
  else println(terminal.stdout, `Created tenant ${created.tenant.id} (${created.tenant.displayName}) with admin ${created.admin.email}.`);
  return 0;
}
