import { route } from '../remote/control-plane-client';
import { println, type Terminal } from '../terminal/terminal';
import type { PipelineView } from './pipelines';
import { clientFor, parseRemote, printJson, REMOTE_HELP, showHelp } from './remote-command';

export const pauseHelp = `tributary pause: pause a pipeline

Usage: tributary pause PIPELINE

${REMOTE_HELP}

Its stage services stop consuming it (what they hold is finished and committed, then they leave
its consumer groups) and it takes no runs; what arrives on its topics waits there. While it is
paused its stages can be replayed ('tributary replay'). 'tributary resume PIPELINE' goes on.`;

export const resumeHelp = `tributary resume: resume a paused pipeline

Usage: tributary resume PIPELINE

${REMOTE_HELP}

Its stage services consume it again, from where each stage's group stands (after a replay,
from there).`;

export function runPause(args: string[], terminal: Terminal): Promise<number> {
  return changeState('pause', args, terminal);
}

export function runResume(args: string[], terminal: Terminal): Promise<number> {
  return changeState('resume', args, terminal);
}

async function changeState(action: 'pause' | 'resume', args: string[], terminal: Terminal): Promise<number> {
  const { values, positionals } = parseRemote(args, {}, { min: 1, max: 1, usage: 'PIPELINE' });
  if (values.help) return showHelp(terminal, action === 'pause' ? pauseHelp : resumeHelp);
  const client = clientFor(values, terminal);
  const tenant = await client.tenant();
  const pipeline = await client.call<PipelineView>('POST', route('tenants', tenant, 'pipelines', positionals[0], action));
  if (values.json) printJson(terminal, pipeline);
  else println(terminal.stdout, `Pipeline ${tenant}/${pipeline.name} is ${pipeline.status} (version ${pipeline.version}).`);
  return 0;
}
