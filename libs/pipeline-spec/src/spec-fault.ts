/** One thing wrong with a pipeline document: where (JSON Pointer, and line:column for YAML) and what. */
export interface SpecFault {
  path: string;
  line?: number;
  column?: number;
  message: string;
}

/** "pipeline.yaml:3:1: unknown key 'tranform' at /; did you mean 'transform'?" */
export function formatFault(fault: SpecFault, file?: string): string {
  const where = [file, fault.line, fault.column].filter((part) => part !== undefined).join(':');
  return where ? `${where}: ${fault.message}` : fault.message;
}

/** Thrown by the throwing entry points; carries every fault, not just the first. */
export class PipelineSpecError extends Error {
  override readonly name = 'PipelineSpecError';

  constructor(
    readonly faults: readonly SpecFault[],
    file?: string,
  ) {
    super(`${faults.length} fault${faults.length === 1 ? '' : 's'} in the pipeline document:\n` + faults.map((fault) => '  ' + formatFault(fault, file)).join('\n'));
  }
}
