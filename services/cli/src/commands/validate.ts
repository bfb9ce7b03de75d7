import { ReportedFailure } from '../cli-error';
import { println, type Terminal } from '../terminal/terminal';
import { checkPipeline, faultLines, readPipelineFile } from './pipeline-file';
import { flag, parseRemote, printJson, showHelp } from './remote-command';

export const validateHelp = `tributary validate: check a pipeline document offline, as apply would

Usage: tributary validate -f pipeline.yaml

  -f, --file FILE           the pipeline document, YAML or JSON (- for stdin)
  --json                    print {valid, faults} or {valid, tenant, name, topics, ...} as JSON
  -h, --help                this help

Every fault is printed as FILE:LINE:COLUMN: message at /json/pointer, in document order.
Exit code 0 when the document is valid, 1 when it is not. Needs no control plane.`;

export async function runValidate(args: string[], terminal: Terminal): Promise<number> {
  const { values } = parseRemote(args, { file: { type: 'string', short: 'f' } }, { min: 0, max: 0, usage: 'no arguments (the document is -f FILE)' });
  if (values.help) return showHelp(terminal, validateHelp);
  const file = await readPipelineFile(flag(values, 'file'), terminal);
  const outcome = checkPipeline(file);
  if (!outcome.ok) {
    if (values.json) printJson(terminal, { valid: false, faults: outcome.faults });
    else {
      for (const line of faultLines(file, outcome.faults)) println(terminal.stdout, line);
      println(terminal.stderr, `${file.name}: ${outcome.faults.length} fault${outcome.faults.length === 1 ? '' : 's'}`);
    }
    throw new ReportedFailure();
  }
  const { spec, plan } = outcome;
  const topics = plan.topics.map((t) => t.name);
  if (values.json) {
    printJson(terminal, { valid: true, tenant: spec.metadata.tenant, name: spec.metadata.name, topics, consumerGroups: plan.consumerGroups.map((g) => g.groupId), subjects: plan.subjects });
  } else {
    println(terminal.stdout, `${file.name}: valid pipeline ${spec.metadata.tenant}/${spec.metadata.name}`);
    println(terminal.stdout, `  topics: ${topics.join(', ')}`);
  }
  return 0;
}
