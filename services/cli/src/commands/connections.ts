import { readFileSync } from 'node:fs';
import { ReportedFailure, UsageError } from '../cli-error';
import { RemoteError, route, type ControlPlaneClient } from '../remote/control-plane-client';
import { renderTable, shortTime } from '../terminal/table';
import { println, type Terminal } from '../terminal/terminal';
import { clientFor, flag, parseRemote, printJson, REMOTE_HELP, showHelp, type ParsedCommand } from './remote-command';

export const connectionsHelp = `tributary connections: a connector, its config and the secret it connects with

Usage: tributary connections [list]
       tributary connections set NAME --connector NAME [--secret NAME] [--config JSON | --config-file FILE]
       tributary connections check NAME
       tributary connections discover NAME
       tributary connections delete NAME

  --connector NAME          postgres, mysql or file (the control plane's GET /connectors lists them)
  --secret NAME             the secret holding how to connect ('tributary secrets set NAME < db.json')
  --config JSON             the connector's config, e.g. '{"schemas": ["sales"]}' (default {})
  --config-file FILE        the same, from a JSON file
  --description TEXT        what the connection is for
${REMOTE_HELP}

check asks the control plane to reach the system behind connection NAME with its stored secret
(connect, authenticate, see the configured schemas, queries or folder): exit code 0 when it
can, 1 when it cannot, with the connector's reason. discover lists the streams (tables, views,
queries, files) it offers and their fields. The secret's value never appears in any of it.`;

/** What a connector's check() reports, as the control plane relays it. */
interface CheckAnswer {
  ok: boolean;
  code?: string;
  message?: string;
  latencyMs?: number;
  [detail: string]: unknown;
}

interface DiscoverAnswer extends CheckAnswer {
  streams?: { name: string; fields: unknown[]; primaryKey: string[]; modes: string[] }[];
}

interface ConnectionView {
  name: string;
  connector: string;
  secretName: string | null;
  lastCheck: { ok: boolean; code?: string; at: string } | null;
  updatedAt: string;
  created?: boolean;
}

const OPTIONS = {
  connector: { type: 'string' },
  secret: { type: 'string' },
  config: { type: 'string' },
  'config-file': { type: 'string' },
  description: { type: 'string' },
} as const;

export async function runConnections(args: string[], terminal: Terminal): Promise<number> {
  const { values, positionals } = parseRemote(args, OPTIONS, { min: 0, max: 2, usage: "'list', 'set NAME', 'check NAME', 'discover NAME' or 'delete NAME'" });
  if (values.help) return showHelp(terminal, connectionsHelp);
  const [action = 'list', name] = positionals;
  if (action === 'list' && name === undefined) return list(values, terminal);
  if (name === undefined || !['set', 'check', 'discover', 'delete'].includes(action)) {
    throw new UsageError(`expected 'list', 'set NAME', 'check NAME', 'discover NAME' or 'delete NAME', got '${positionals.join(' ')}'`);
  }
  const client = clientFor(values, terminal);
  const tenant = await client.tenant();
  const path = route('tenants', tenant, 'connections', name);
  if (action === 'set') return set(client, path, values, terminal, `${name} in tenant ${tenant}`);
  if (action === 'delete') {
    await client.call('DELETE', path);
    if (!values.json) println(terminal.stdout, `Deleted connection ${name} in tenant ${tenant}.`);
    return 0;
  }
  const answer = action === 'check' ? await probe<CheckAnswer>(client, 'POST', `${path}/check`) : await probe<DiscoverAnswer>(client, 'GET', `${path}/discover`);
  if (values.json) printJson(terminal, answer);
  else if (!answer.ok) println(terminal.stdout, `Connection ${name}: NOT reachable: ${answer.message ?? 'no reason given'}`);
  else if (action === 'check') println(terminal.stdout, `Connection ${name}: reachable${answer.latencyMs !== undefined ? ` in ${answer.latencyMs} ms` : ''}.${answer.message ? `\n${answer.message}` : ''}`);
  else printStreams(terminal, name, (answer as DiscoverAnswer).streams ?? []);
  if (!answer.ok) throw new ReportedFailure();
  return 0;
}

async function list(values: ParsedCommand['values'], terminal: Terminal): Promise<number> {
  const client = clientFor(values, terminal);
  const tenant = await client.tenant();
  const { items } = await client.call<{ items: ConnectionView[] }>('GET', route('tenants', tenant, 'connections'));
  if (values.json) printJson(terminal, items);
  else if (items.length === 0) println(terminal.stdout, `No connections in tenant ${tenant}; make one with 'tributary connections set NAME --connector postgres --secret NAME'.`);
  else {
    const checked = (c: ConnectionView) => (c.lastCheck ? `${c.lastCheck.ok ? 'ok' : `failed (${c.lastCheck.code})`} ${shortTime(c.lastCheck.at)}` : null);
    println(terminal.stdout, renderTable(['name', 'connector', 'secret', 'last check', 'updated'], items.map((c) => [c.name, c.connector, c.secretName, checked(c), shortTime(c.updatedAt)])));
  }
  return 0;
}

async function set(client: ControlPlaneClient, path: string, values: ParsedCommand['values'], terminal: Terminal, what: string): Promise<number> {
  const connector = flag(values, 'connector');
  if (!connector) throw new UsageError('--connector is required (postgres, mysql, file, ...)');
  const body = { connector, config: configOf(values), secretName: flag(values, 'secret'), description: flag(values, 'description') };
  const saved = await client.call<ConnectionView>('PUT', path, { body });
  if (values.json) printJson(terminal, saved);
  else println(terminal.stdout, `${saved.created ? 'Created' : 'Replaced'} connection ${what} (${saved.connector}${saved.secretName ? `, secret ${saved.secretName}` : ''}).`);
  return 0;
}

/** --config or --config-file as a JSON object; the control plane checks it against the connector's schema. */
function configOf(values: ParsedCommand['values']): Record<string, unknown> | undefined {
  const text = flag(values, 'config');
  const file = flag(values, 'config-file');
  if (text !== undefined && file !== undefined) throw new UsageError('give --config or --config-file, not both');
  const source = file !== undefined ? `--config-file ${file}` : '--config';
  let json = text;
  if (file !== undefined) {
    try {
      json = readFileSync(file, 'utf8');
    } catch (err) {
      throw new UsageError(`${source}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
    }
  }
  if (json === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (err) {
    throw new UsageError(`${source} is not JSON: ${(err as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UsageError(`${source} must be a JSON object`);
  return parsed as Record<string, unknown>;
}

/** A check or discover call; a control plane without the route is told apart from an unknown connection. */
async function probe<T>(client: ControlPlaneClient, method: 'GET' | 'POST', path: string): Promise<T> {
  try {
    return await client.call<T>(method, path, method === 'POST' ? { body: {} } : {});
  } catch (err) {
    if (err instanceof RemoteError && err.status === 404 && err.message === 'no such route') {
      throw new Error(`the control plane at ${client.url} has no connections API (${method} ${path} is not a route); it may be older than this command`);
    }
    throw err;
  }
}

function printStreams(terminal: Terminal, name: string, streams: NonNullable<DiscoverAnswer['streams']>): void {
  if (streams.length === 0) return println(terminal.stdout, `Connection ${name} offers no streams.`);
  println(terminal.stdout, renderTable(['stream', 'fields', 'primary key', 'modes'], streams.map((s) => [s.name, s.fields.length, s.primaryKey.join(', ') || null, s.modes.join(', ')])));
}
