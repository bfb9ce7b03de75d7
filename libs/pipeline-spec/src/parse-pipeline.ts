import { LineCounter, parseDocument } from 'yaml';
import { issueFaults, specErrorMap, type LocateFault } from './issue-faults';
import { pipelineSchema, type PipelineSpec } from './pipeline-schema';
import { PipelineSpecError, type SpecFault } from './spec-fault';
import { yamlLocator } from './yaml-positions';

export type ParseOutcome = { ok: true; spec: PipelineSpec; locate?: LocateFault } | { ok: false; faults: SpecFault[] };

export interface ParseOptions {
  /** Default: JSON when the text starts with '{', YAML otherwise (JSON is also YAML, but JSON.parse is stricter). */
  format?: 'yaml' | 'json';
}

/**
 * Parses and validates a pipeline document. Every fault is reported, each with its JSON
 * Pointer and (for text) its line and column: syntax errors and duplicate keys from the YAML
 * parser, then every schema fault, unknown keys with the nearest valid key suggested.
 */
export function parsePipeline(text: string, options: ParseOptions = {}): ParseOutcome {
  const format = options.format ?? (text.trimStart().startsWith('{') ? 'json' : 'yaml');
  const lineCounter = new LineCounter();
  // JSON parses as YAML too; parsing it that way as well gives JSON faults their line:column.
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, keepSourceTokens: true });
  const locate = yamlLocator(document, lineCounter);
  if (format === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return { ok: false, faults: [{ path: '/', message: `not JSON: ${(e as Error).message}` }] };
    }
    return validate(value, document.errors.length === 0 ? locate : undefined);
  }
  if (document.errors.length > 0) {
    return {
      ok: false,
      faults: document.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return { path: '/', line, column: col, message: `YAML: ${error.message.split('\n')[0]}` };
      }),
    };
  }
  return validate(document.toJS({ maxAliasCount: 100 }), locate);
}

/** Validates a pipeline given as a value (JSON through the API, or built in code). */
export function validatePipeline(value: unknown, locate?: LocateFault): ParseOutcome {
  return validate(value, locate);
}

function validate(value: unknown, locate: LocateFault | undefined): ParseOutcome {
  const result = pipelineSchema.safeParse(value, { error: specErrorMap });
  if (result.success) return { ok: true, spec: result.data, ...(locate && { locate }) };
  const faults = issueFaults(result.error.issues, locate);
  // in the order they appear in the document, which is the order people fix them in
  faults.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { ok: false, faults };
}

/** parsePipeline that throws PipelineSpecError (listing every fault) instead of returning them. */
export function loadPipeline(text: string, options: ParseOptions & { file?: string } = {}): PipelineSpec {
  const outcome = parsePipeline(text, options);
  if (!outcome.ok) throw new PipelineSpecError(outcome.faults, options.file);
  return outcome.spec;
}
