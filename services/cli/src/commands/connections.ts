import { ReportedFailure, UsageError } from '../cli-error';
import { RemoteError, route } from '../remote/control-plane-client';
import { println, type Terminal } from '../terminal/terminal';
import { clientFor, parseRemote, printJson, REMOTE_HELP, showHelp } from './remote-command';

export const connectionsHelp = `tributary connections: test a connection the way its connector will use it

Usage: tributary connections check NAME

${REMOTE_HELP}

Asks the control plane to reach the system behind connection NAME with its stored secret
(connect, authenticate, see the configured table or path). Exit code 0 when it can, 1 when it
cannot, with the connector's reason.`;

/** What a connector's check() reports, as the control plane relays it. */
interface CheckAnswer {
  ok: boolean;
  message?: string;
  latencyMs?: number;
  [detail: string]: unknown;
}

export async function runConnections(args: string[], terminal: Terminal): Promise<number> {
  const { values, positionals } = parseRemote(args, {}, { min: 2, max: 2, usage: "'check NAME'" });
  if (values.help) return showHelp(terminal, connectionsHelp);
  const [action, name] = positionals;
  if (action !== 'check') throw new UsageError(`expected 'check NAME', got '${positionals.join(' ')}'`);
  const client = clientFor(values, terminal);
  const tenant = await client.tenant();
  const path = route('tenants', tenant, 'connections', name, 'check');
  let answer: CheckAnswer;
  try {
    answer = await client.call<CheckAnswer>('POST', path, { body: {} });
  } catch (err) {
    if (err instanceof RemoteError && err.status === 404 && err.message === 'no such route') {
      throw new Error(`the control plane at ${client.url} has no connections API (POST ${path} is not a route); it may be older than this command`);
    }
    throw err;
  }
  if (values.json) printJson(terminal, answer);
  else {
    const timing = answer.latencyMs !== undefined ? ` in ${answer.latencyMs} ms` : '';
    println(terminal.stdout, answer.ok ? `Connection ${name}: reachable${timing}.` : `Connection ${name}: NOT reachable: ${answer.message ?? 'no reason given'}`);
    if (answer.ok && answer.message) println(terminal.stdout, answer.message);
  }
  if (!answer.ok) throw new ReportedFailure();
  return 0;
}
