import { UsageError } from '../cli-error';
import { route } from '../remote/control-plane-client';
import { renderTable } from '../terminal/table';
import { println, type Terminal } from '../terminal/terminal';
import { clientFor, flag, parseRemote, printJson, REMOTE_HELP, showHelp } from './remote-command';

export const replayHelp = `tributary replay: reprocess a pipeline stage from a point in time or an offset

Usage: tributary replay PIPELINE --stage STAGE --from-timestamp TIME
       tributary replay PIPELINE --stage STAGE --from-offset N [--partition P]

  --stage STAGE             transformer, validator, tax-sink or result-writer
  --from-timestamp TIME     ISO 8601 (2025-01-15T00:00:00Z): the first record at or after it
  --from-offset N           this offset (of every partition, or of --partition)
  --partition P             with --from-offset: this partition only
${REMOTE_HELP}

Moves the stage's consumer group back; the stage must not be consuming the pipeline (the control
plane answers 409 otherwise): 'tributary pause PIPELINE' first, then replay, then 'tributary
resume PIPELINE', and the stage reprocesses from there. Results stay idempotent.`;

interface ReplayOutcome {
  pipeline: string;
  stage: string;
  groupId: string;
  moved: { topic: string; partition: number; before: string | null; after: string }[];
}

export async function runReplay(args: string[], terminal: Terminal): Promise<number> {
  const { values, positionals } = parseRemote(
    args,
    { stage: { type: 'string' }, 'from-timestamp': { type: 'string' }, 'from-offset': { type: 'string' }, partition: { type: 'string' } },
    { min: 1, max: 1, usage: 'PIPELINE' },
  );
  if (values.help) return showHelp(terminal, replayHelp);
  const body = replayBody(values);
  const client = clientFor(values, terminal);
  const tenant = await client.tenant();
  const outcome = await client.call<ReplayOutcome>('POST', route('tenants', tenant, 'pipelines', positionals[0], 'replay'), { body });
  if (values.json) printJson(terminal, outcome);
  else {
    println(terminal.stdout, `Moved consumer group ${outcome.groupId} (${outcome.stage} of ${outcome.pipeline}):`);
    println(terminal.stdout, renderTable(['topic', 'partition', 'from', 'to'], outcome.moved.map((m) => [m.topic, m.partition, m.before, m.after])));
  }
  return 0;
}

function replayBody(values: Record<string, string | boolean | undefined>): object {
  const stage = flag(values, 'stage');
  if (!stage) throw new UsageError('--stage is required');
  const timestamp = flag(values, 'from-timestamp');
  const offset = flag(values, 'from-offset');
  const partition = flag(values, 'partition');
  if ((timestamp === undefined) === (offset === undefined)) throw new UsageError('give either --from-timestamp or --from-offset');
  if (partition !== undefined && offset === undefined) throw new UsageError('--partition goes with --from-offset');
  if (timestamp !== undefined) {
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(timestamp) || Number.isNaN(Date.parse(timestamp))) {
      throw new UsageError(`--from-timestamp must be an ISO 8601 date-time with a zone, like 2025-01-15T00:00:00Z, got '${timestamp}'`);
    }
    return { stage, fromTimestamp: new Date(timestamp).toISOString() };
  }
  const whole = (name: string, text: string) => {
    if (!/^\d{1,15}$/.test(text)) throw new UsageError(`--${name} must be a whole number, got '${text}'`);
    return Number(text);
  };
  return { stage, fromOffset: whole('from-offset', offset!), ...(partition !== undefined && { partition: whole('partition', partition) }) };
}
