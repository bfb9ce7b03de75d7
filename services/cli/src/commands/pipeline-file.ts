import { readFileSync } from 'node:fs';
import { platformSchemasByName } from '@tributary/avro';
import { sourceOptionFaults } from '@tributary/connector-registry';
import { formatFault, planPipeline, type DeploymentPlan, type PipelineSpec, type SpecFault } from '@tributary/pipeline-spec';
import { UsageError } from '../cli-error';
import { readAll } from '../terminal/secret-input';
import type { Terminal } from '../terminal/terminal';

export interface PipelineFile {
  /** How faults name it: the path given, or `<stdin>`. */
  readonly name: string;
  readonly text: string;
}

/** `-f FILE`, or `-f -` for stdin. */
export async function readPipelineFile(file: string | undefined, terminal: Terminal): Promise<PipelineFile> {
  if (file === undefined) throw new UsageError('-f FILE is required (a pipeline YAML or JSON document; - for stdin)');
  if (file === '-') return { name: '<stdin>', text: await readAll(terminal.stdin) };
  try {
    return { name: file, text: readFileSync(file, 'utf8') };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`-f ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : (err as Error).message}`);
  }
}

export type CheckedPipeline = { ok: true; spec: PipelineSpec; plan: DeploymentPlan } | { ok: false; faults: SpecFault[] };

/**
 * What apply checks, offline: the document's schema, then its plan (libs/pipeline-spec), with
 * the platform's own Avro schemas (TaxOrder, ...) known by record name, so `mapToSchema: {
 * schema: TaxOrder }` and the fields it produces are checked as the stage services will see
 * them, and the source's options as its connector reads them.
 */
export function checkPipeline(file: PipelineFile): CheckedPipeline {
  return planPipeline(file.text, { context: { schemas: platformSchemasByName() }, checkSource: sourceOptionFaults });
}

/** One line a fault, as compilers print them: `pipeline.yaml:8:1: unknown key 'tranform' at /; ...`. */
export function faultLines(file: PipelineFile, faults: readonly SpecFault[]): string[] {
  return faults.map((fault) => formatFault(fault, file.name));
}
