import { route } from '../remote/control-plane-client';
import { renderTable, shortTime } from '../terminal/table';
import { println, type Terminal } from '../terminal/terminal';
import { clientFor, flag, parseRemote, printJson, REMOTE_HELP, showHelp } from './remote-command';
import type { RunView } from './run-views';
import { parseWholeNumber } from '../cli-error';

export const runsHelp = `tributary runs: list runs, newest first

Usage: tributary runs [--pipeline NAME] [--status STATUS[,STATUS]] [--limit N]

  --pipeline NAME           runs of this pipeline only
  --status LIST             requested, running, succeeded, failed, cancelled (comma-separated)
  --limit N                 at most N runs (default 20, at most 500)
${REMOTE_HELP}`;

export async function runRuns(args: string[], terminal: Terminal): Promise<number> {
  const { values } = parseRemote(args, { pipeline: { type: 'string' }, status: { type: 'string' }, limit: { type: 'string' } }, { min: 0, max: 0, usage: 'no arguments' });
  if (values.help) return showHelp(terminal, runsHelp);
  const limit = parseWholeNumber('limit', flag(values, 'limit'), 20, 1);
  const client = clientFor(values, terminal);
  const tenant = await client.tenant();
  const { items } = await client.call<{ items: RunView[] }>('GET', route('tenants', tenant, 'runs'), {
    query: { pipeline: flag(values, 'pipeline'), status: flag(values, 'status'), limit },
  });
  if (values.json) printJson(terminal, items);
  else if (items.length === 0) println(terminal.stdout, 'No runs.');
  else {
    const quality = (r: RunView) => (r.quality ? `${r.quality.score}${r.quality.ok ? '' : ' !'}` : null);
    const rows = items.map((r) => [r.id, r.pipeline, r.status, r.trigger, shortTime(r.requestedAt), shortTime(r.finishedAt), quality(r), r.error]);
    println(terminal.stdout, renderTable(['run', 'pipeline', 'status', 'trigger', 'requested', 'finished', 'quality', 'error'], rows));
  }
  return 0;
}
