import { route } from '../remote/control-plane-client';
import { renderTable, shortTime } from '../terminal/table';
import { println, type Terminal } from '../terminal/terminal';
import { clientFor, parseRemote, printJson, REMOTE_HELP, showHelp } from './remote-command';

export const pipelinesHelp = `tributary pipelines: list the tenant's pipelines

Usage: tributary pipelines [--all]

  --all                     include deleted pipelines
${REMOTE_HELP}`;

/** A pipeline as the control plane answers it (the fields the CLI shows). */
export interface PipelineView {
  name: string;
  status: string;
  version: number;
  lastAction: string;
  updatedAt: string;
}

export async function runPipelines(args: string[], terminal: Terminal): Promise<number> {
  const { values } = parseRemote(args, { all: { type: 'boolean', default: false } }, { min: 0, max: 0, usage: 'no arguments' });
  if (values.help) return showHelp(terminal, pipelinesHelp);
  const client = clientFor(values, terminal);
  const tenant = await client.tenant();
  const { items } = await client.call<{ items: PipelineView[] }>('GET', route('tenants', tenant, 'pipelines'), { query: { status: values.all ? 'all' : undefined } });
  if (values.json) printJson(terminal, items);
  else if (items.length === 0) println(terminal.stdout, `No pipelines in tenant ${tenant}; create one with 'tributary apply -f pipeline.yaml'.`);
  else println(terminal.stdout, renderTable(['name', 'status', 'version', 'last action', 'updated'], items.map((p) => [p.name, p.status, p.version, p.lastAction, shortTime(p.updatedAt)])));
  return 0;
}
