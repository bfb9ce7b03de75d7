import { parseWholeNumber } from '../cli-error';
import { route } from '../remote/control-plane-client';
import { renderTable, shortTime } from '../terminal/table';
import { println, type Terminal } from '../terminal/terminal';
import { clientFor, flag, parseRemote, printJson, REMOTE_HELP, showHelp } from './remote-command';

export const errorsHelp = `tributary errors: the failed records of a run, with the reasons each failed

Usage: tributary errors RUN [--limit N]

  --limit N                 at most N samples (default 20, at most 100)
${REMOTE_HELP}

--json prints the whole samples, the failed records' payloads included.`;

interface ErrorSample {
  stage: string;
  reasons: unknown;
  attempt: number;
  failedAt: string;
  recordKey: string | null;
  errorRecord: { topic: string; partition: number; offset: string };
}

export async function runErrors(args: string[], terminal: Terminal): Promise<number> {
  const { values, positionals } = parseRemote(args, { limit: { type: 'string' } }, { min: 1, max: 1, usage: 'RUN (a run id)' });
  if (values.help) return showHelp(terminal, errorsHelp);
  const limit = parseWholeNumber('limit', flag(values, 'limit'), 20, 1);
  const client = clientFor(values, terminal);
  const tenant = await client.tenant();
  const { items } = await client.call<{ items: ErrorSample[] }>('GET', route('tenants', tenant, 'runs', positionals[0], 'errors'), { query: { limit } });
  if (values.json) printJson(terminal, items);
  else if (items.length === 0) println(terminal.stdout, `No failed records sampled for run ${positionals[0]}.`);
  else {
    const rows = items.map((e) => [e.stage, e.recordKey, e.attempt, shortTime(e.failedAt), reasonText(e.reasons), `${e.errorRecord.topic}/${e.errorRecord.partition}@${e.errorRecord.offset}`]);
    println(terminal.stdout, renderTable(['stage', 'key', 'attempt', 'failed', 'reasons', 'error record'], rows));
  }
  return 0;
}

/** ErrorRecord reasons are a list of {field?, rule?, message}; shown as "field: message; ...". */
function reasonText(reasons: unknown): string {
  if (!Array.isArray(reasons)) return typeof reasons === 'string' ? reasons : JSON.stringify(reasons);
  return reasons
    .map((r: unknown) => {
      if (typeof r === 'string') return r;
      const { field, message } = (r ?? {}) as { field?: unknown; message?: unknown };
      return typeof message === 'string' ? (typeof field === 'string' && field ? `${field}: ${message}` : message) : JSON.stringify(r);
    })
    .join('; ');
}
