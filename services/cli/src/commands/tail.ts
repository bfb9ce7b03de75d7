import { parseWholeNumber } from '../cli-error';
import { route } from '../remote/control-plane-client';
import { shortTime } from '../terminal/table';
import { pause, println, type Terminal } from '../terminal/terminal';
import { clientFor, flag, parseRemote, REMOTE_HELP, showHelp } from './remote-command';
import { RESULT_FILTER_HELP, RESULT_FILTER_OPTIONS, resultFilterQuery } from './result-filters';

export const tailHelp = `tributary tail: a pipeline's results as they arrive, until Ctrl-C

Usage: tributary tail PIPELINE [--from-start] [filters]

  --from-start              first print every result already stored, then follow
  --count N                 stop after N results
  --interval-ms N           how often to ask for new results when there were none (default 1000)
${RESULT_FILTER_HELP}
${REMOTE_HELP}

Each result written (a new order, or a newer calculation of one) prints in the order they were
written; an order recalculated twice between two looks prints once, in its latest version (the
store keeps the latest result per order). --json prints one JSON object per line (NDJSON).`;

const PAGE = 500;

interface Written {
  orderKey: string;
  runId: string | null;
  calculatedAt: string;
  currency: string;
  totalTax: string;
  revision: string;
}

export async function runTail(args: string[], terminal: Terminal): Promise<number> {
  const { values, positionals } = parseRemote(
    args,
    { ...RESULT_FILTER_OPTIONS, 'from-start': { type: 'boolean', default: false }, count: { type: 'string' }, 'interval-ms': { type: 'string' } },
    { min: 1, max: 1, usage: 'PIPELINE' },
  );
  if (values.help) return showHelp(terminal, tailHelp);
  const filters = resultFilterQuery(values);
  const count = flag(values, 'count') === undefined ? Infinity : parseWholeNumber('count', flag(values, 'count'), 0, 1);
  const interval = parseWholeNumber('interval-ms', flag(values, 'interval-ms'), 1000, 50);
  const client = clientFor(values, terminal);
  const base = route('tenants', await client.tenant(), 'pipelines', positionals[0], 'results');
  // Revisions grow in commit order within a pipeline (see the results store), so "after the last
  // one seen" never skips a result written meanwhile.
  let after = values['from-start'] ? '0' : ((await client.call<{ latestRevision: string | null }>('GET', `${base}/summary`)).latestRevision ?? '0');
  let printed = 0;
  // Listening for Ctrl-C before saying it stops: from then on it ends the loop, not the process.
  const interrupted = terminal.interrupted;
  if (!values.json) println(terminal.stderr, `Following results of ${positionals[0]} (Ctrl-C to stop)...`);
  while (!interrupted.aborted && printed < count) {
    const page = await client.call<{ items: Written[] }>('GET', base, { query: { ...filters, order: 'revision', afterRevision: after, limit: Math.min(PAGE, count - printed) } });
    for (const item of page.items) {
      println(terminal.stdout, values.json ? JSON.stringify(item) : `${shortTime(item.calculatedAt)}  ${item.orderKey}  ${item.totalTax} ${item.currency}${item.runId ? `  run ${item.runId}` : ''}`);
      after = item.revision;
      printed++;
    }
    if (page.items.length < PAGE && printed < count) await pause(interval, interrupted);
  }
  return 0;
}
