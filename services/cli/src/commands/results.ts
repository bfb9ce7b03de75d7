import { createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { parseWholeNumber, UsageError } from '../cli-error';
import { route, type ControlPlaneClient, type Query } from '../remote/control-plane-client';
import { renderTable, shortTime } from '../terminal/table';
import { println, type Terminal } from '../terminal/terminal';
import { clientFor, flag, parseRemote, printJson, REMOTE_HELP, showHelp } from './remote-command';
import { RESULT_FILTER_HELP, RESULT_FILTER_OPTIONS, resultFilterQuery } from './result-filters';

export const resultsHelp = `tributary results: a pipeline's tax results, listed or downloaded

Usage: tributary results PIPELINE [filters] [--limit N]
       tributary results PIPELINE --download FILE [--format csv|ndjson|parquet] [filters]

  --download FILE           write every matching result to FILE (- for stdout), streamed
  --format FORMAT           csv, ndjson or parquet (default: from FILE's extension, else csv)
  --limit N                 list at most N results (default 20, at most 1000)
${RESULT_FILTER_HELP}
${REMOTE_HELP}

A download is written to FILE.partial and renamed to FILE when complete, so FILE is never a
truncated file. CSV and Parquet have one row per order with the totals as columns and the lines
and jurisdictions as JSON; NDJSON has the whole record per line.`;

const FORMATS = ['csv', 'ndjson', 'parquet'] as const;
type Format = (typeof FORMATS)[number];

interface ResultItem {
  orderKey: string;
  runId: string | null;
  calculatedAt: string;
  currency: string;
  totalTax: string;
}

export async function runResults(args: string[], terminal: Terminal): Promise<number> {
  const { values, positionals } = parseRemote(
    args,
    { ...RESULT_FILTER_OPTIONS, download: { type: 'string' }, format: { type: 'string' }, limit: { type: 'string' } },
    { min: 1, max: 1, usage: 'PIPELINE' },
  );
  if (values.help) return showHelp(terminal, resultsHelp);
  const filters = resultFilterQuery(values);
  const target = flag(values, 'download');
  if (target === undefined && flag(values, 'format') !== undefined) throw new UsageError('--format goes with --download FILE');
  const client = clientFor(values, terminal);
  const base = route('tenants', await client.tenant(), 'pipelines', positionals[0], 'results');
  if (target !== undefined) return download(client, base, filters, target, formatOf(flag(values, 'format'), target), terminal);
  const limit = parseWholeNumber('limit', flag(values, 'limit'), 20, 1);
  const page = await client.call<{ items: ResultItem[]; nextCursor: string | null }>('GET', base, { query: { ...filters, limit } });
  if (values.json) printJson(terminal, page.items);
  else if (page.items.length === 0) println(terminal.stdout, 'No results.');
  else {
    println(terminal.stdout, renderTable(['order key', 'calculated', 'total tax', 'currency', 'run'], page.items.map((r) => [r.orderKey, shortTime(r.calculatedAt), r.totalTax, r.currency, r.runId])));
    if (page.nextCursor) println(terminal.stderr, `(more results: raise --limit, or take them all with --download FILE)`);
  }
  return 0;
}

function formatOf(flagValue: string | undefined, target: string): Format {
  if (flagValue !== undefined) {
    if (!(FORMATS as readonly string[]).includes(flagValue)) throw new UsageError(`--format must be csv, ndjson or parquet, got '${flagValue}'`);
    return flagValue as Format;
  }
  const extension = extname(target).slice(1).toLowerCase();
  if (extension === 'jsonl') return 'ndjson';
  return (FORMATS as readonly string[]).includes(extension) ? (extension as Format) : 'csv';
}

async function download(client: ControlPlaneClient, base: string, filters: Query, target: string, format: Format, terminal: Terminal): Promise<number> {
  const response = await client.send('GET', `${base}/download`, { query: { ...filters, format } });
  const body = Readable.fromWeb(response.body as WebReadableStream);
  if (target === '-') {
    await pipeline(body, terminal.stdout, { end: false });
    return 0;
  }
  const partial = `${target}.partial`;
  try {
    await pipeline(body, createWriteStream(partial));
    renameSync(partial, target);
  } catch (err) {
    rmSync(partial, { force: true });
    const { syscall } = err as NodeJS.ErrnoException;
    if (syscall === 'open' || syscall === 'write' || syscall === 'rename') throw new Error(`cannot write ${target}: ${(err as Error).message}`);
    throw new Error(`the download was cut short (${(err as Error).message}); ${target} was not written`);
  }
  println(terminal.stderr, `Downloaded ${statSync(target).size.toLocaleString('en')} bytes of ${format.toUpperCase()} to ${target}.`);
  return 0;
}
