import { parseWholeNumber, ReportedFailure, UsageError } from '../cli-error';
import type { ControlPlaneClient } from '../remote/control-plane-client';
import { route } from '../remote/control-plane-client';
import { LiveBlock, progressLine, progressLines } from '../terminal/run-progress';
import { pause, println, type Terminal } from '../terminal/terminal';
import { clientFor, flag, parseRemote, printJson, REMOTE_HELP, showHelp } from './remote-command';
import { qualityLines } from '../terminal/quality-summary';
import { FINISHED, type QualityReportView, type RunDetail, type RunView } from './run-views';

export const runHelp = `tributary run: run a pipeline now

Usage: tributary run PIPELINE [--follow] [--mode full|incremental]

  --follow                  show the run's records per stage live until it ends
  --mode MODE               full: read everything; incremental: from the source cursor
                            (default: the pipeline's own mode)
  --interval-ms N           how often --follow asks for progress (default 1000)
${REMOTE_HELP}

Without --follow it prints the run id and returns at once. With --follow it ends with the run's
data-quality score and alerts, when its pipeline validates records, and the exit code is the
run's: 0 succeeded, 1 failed or cancelled; Ctrl-C stops following (exit 130), not the run.`;

export async function runRun(args: string[], terminal: Terminal): Promise<number> {
  const { values, positionals } = parseRemote(
    args,
    { follow: { type: 'boolean', default: false }, mode: { type: 'string' }, 'interval-ms': { type: 'string' } },
    { min: 1, max: 1, usage: 'PIPELINE' },
  );
  if (values.help) return showHelp(terminal, runHelp);
  const mode = flag(values, 'mode');
  if (mode !== undefined && mode !== 'full' && mode !== 'incremental') throw new UsageError(`--mode must be full or incremental, got '${mode}'`);
  const interval = parseWholeNumber('interval-ms', flag(values, 'interval-ms'), 1000, 50);
  const client = clientFor(values, terminal);
  const tenant = await client.tenant();
  const run = await client.call<RunView>('POST', route('tenants', tenant, 'pipelines', positionals[0], 'runs'), { body: { trigger: 'cli', ...(mode && { mode }) } });
  if (!values.follow) {
    if (values.json) printJson(terminal, run);
    else println(terminal.stdout, `Started run ${run.id} of ${run.pipeline} (${run.status}); follow it with 'tributary run ... --follow' or 'tributary runs'.`);
    return 0;
  }
  const final = await follow(client, tenant, run, terminal, interval, values.json === true);
  if (final === undefined) return 130;
  if (values.json) printJson(terminal, final);
  else if (final.hasQualityReport) {
    const report = await client.call<QualityReportView>('GET', route('tenants', tenant, 'runs', run.id, 'quality'));
    for (const line of qualityLines(report)) println(terminal.stdout, line);
  }
  if (final.status === 'succeeded') return 0;
  println(terminal.stderr, `Run ${final.id} ${final.status}${final.error ? `: ${final.error}` : ''}`);
  throw new ReportedFailure();
}

/** Polls the run until it ends (its last detail) or Ctrl-C (undefined). */
async function follow(client: ControlPlaneClient, tenant: string, run: RunView, terminal: Terminal, interval: number, quiet: boolean): Promise<RunDetail | undefined> {
  // Listening for Ctrl-C before the first line is drawn: until then Node's default would end
  // the process without the "goes on" notice.
  const interrupted = terminal.interrupted;
  const started = Date.now();
  const live = terminal.stdout.isTTY ? new LiveBlock(terminal.stdout) : undefined;
  let lastLine = '';
  for (;;) {
    const detail = await client.call<RunDetail>('GET', route('tenants', tenant, 'runs', run.id));
    if (!quiet) {
      if (live) live.draw(progressLines(detail, Math.round((Date.now() - started) / 1000)));
      else {
        const line = progressLine(detail);
        if (line !== lastLine) println(terminal.stdout, line);
        lastLine = line;
      }
    }
    if (FINISHED.includes(detail.status)) return detail;
    await pause(interval, interrupted);
    if (interrupted.aborted) {
      println(terminal.stderr, `Stopped following; run ${run.id} goes on ('tributary runs --pipeline ${run.pipeline}').`);
      return undefined;
    }
  }
}
