import { ReportedFailure } from '../cli-error';
import { RemoteError, route, type RemoteIssue } from '../remote/control-plane-client';
import { println, type Terminal } from '../terminal/terminal';
import { checkPipeline, faultLines, readPipelineFile, type PipelineFile } from './pipeline-file';
import { clientFor, flag, parseRemote, printJson, REMOTE_HELP, showHelp } from './remote-command';

export const applyHelp = `tributary apply: create or update a pipeline from its document

Usage: tributary apply -f pipeline.yaml

  -f, --file FILE           the pipeline document, YAML or JSON (- for stdin)
${REMOTE_HELP}

The document is validated offline first (as 'tributary validate'); a valid one is sent as
written, so the control plane keeps it verbatim as a new version when its spec changed. It acts
in the document's tenant (metadata.tenant) unless --tenant says otherwise. Applying creates the
stage topics, registers the platform schemas and tells the stage services.`;

interface ApplyOutcome {
  pipeline: { tenant: string; name: string; version: number; status: string };
  created: boolean;
  changed: boolean;
  topics: { created: string[]; partitionsAdded: string[]; reconfigured: string[]; warnings: string[] };
  schemas: { subject: string; id: number }[];
}

export async function runApply(args: string[], terminal: Terminal): Promise<number> {
  const { values } = parseRemote(args, { file: { type: 'string', short: 'f' } }, { min: 0, max: 0, usage: 'no arguments (the document is -f FILE)' });
  if (values.help) return showHelp(terminal, applyHelp);
  const file = await readPipelineFile(flag(values, 'file'), terminal);
  const checked = checkPipeline(file);
  if (!checked.ok) {
    for (const line of faultLines(file, checked.faults)) println(terminal.stderr, line);
    println(terminal.stderr, `${file.name}: not applied (${checked.faults.length} fault${checked.faults.length === 1 ? '' : 's'})`);
    throw new ReportedFailure();
  }
  const client = clientFor(values, terminal);
  const tenant = flag(values, 'tenant') ?? checked.spec.metadata.tenant;
  let outcome: ApplyOutcome;
  try {
    outcome = await client.call<ApplyOutcome>('POST', route('tenants', tenant, 'pipelines'), { body: { document: file.text } });
  } catch (err) {
    if (err instanceof RemoteError && err.issues.length > 0) {
      println(terminal.stderr, `${file.name}: the control plane refused it: ${err.message}`);
      for (const line of issueLines(file, err.issues)) println(terminal.stderr, line);
      throw new ReportedFailure();
    }
    throw err;
  }
  if (values.json) {
    printJson(terminal, outcome);
    return 0;
  }
  const { pipeline, topics } = outcome;
  const what = outcome.created ? 'created' : outcome.changed ? 'updated' : 'unchanged';
  println(terminal.stdout, `Pipeline ${pipeline.tenant}/${pipeline.name} ${what}: version ${pipeline.version}, ${pipeline.status}.`);
  if (topics.created.length > 0) println(terminal.stdout, `  topics created: ${topics.created.join(', ')}`);
  if (topics.partitionsAdded.length > 0) println(terminal.stdout, `  partitions added: ${topics.partitionsAdded.join(', ')}`);
  if (topics.reconfigured.length > 0) println(terminal.stdout, `  topics reconfigured: ${topics.reconfigured.join(', ')}`);
  for (const warning of topics.warnings) println(terminal.stderr, `  warning: ${warning}`);
  return 0;
}

/** The control plane's issues for the document, located in the file when it gave line:column. */
function issueLines(file: PipelineFile, issues: readonly RemoteIssue[]): string[] {
  return issues.map((i) => (i.line !== undefined ? `${file.name}:${i.line}:${i.column ?? 1}: ${i.message}` : `${file.name}: ${i.message} (${i.pointer ?? i.path})`));
}
