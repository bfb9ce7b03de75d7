import { createHash } from 'node:crypto';
import { platformSchemasByName } from '@tributary/avro';
import { sourceOptionFaults } from '@tributary/connector-registry';
import { planPipeline, validatePipeline, compilePipeline, type CompileOptions, type DeploymentPlan, type PipelineSpec, type SpecFault } from '@tributary/pipeline-spec';
import { stringify } from 'yaml';
import { z } from 'zod';
import { ApiError, type FieldIssue } from '../common/api-error';

/**
 * An apply request's body: the document as text (YAML or JSON, as a file holds it), or the spec
 * as a JSON value. A raw `application/yaml` body arrives as `{ document }` (see yaml-body.ts).
 */
export const APPLY_BODY = z
  .strictObject({
    document: z.string().min(1, 'must not be empty').max(1_000_000).optional().describe('The pipeline document as text, YAML or JSON'),
    format: z.enum(['yaml', 'json']).optional().describe("The document's format; default: JSON if it starts with '{', else YAML"),
    spec: z.record(z.string(), z.unknown()).optional().describe('The pipeline as a JSON value, instead of document'),
  })
  .superRefine((body, ctx) => {
    if ((body.document === undefined) === (body.spec === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['document'], message: 'give the pipeline either as document (text) or as spec (a JSON value)' });
    }
    if (body.format !== undefined && body.spec !== undefined) ctx.addIssue({ code: 'custom', path: ['format'], message: 'format goes with document, not spec' });
  });
export type ApplyBody = z.output<typeof APPLY_BODY>;

/** A spec fault as a 400 issue: a dotted path under the body, and the document's line:column. */
export interface SpecIssue extends FieldIssue {
  readonly pointer: string;
  readonly line?: number;
  readonly column?: number;
}

export interface PlannedDocument {
  readonly spec: PipelineSpec;
  readonly plan: DeploymentPlan;
  /** sha256 of the spec in canonical JSON: the same spec, however written, has the same hash. */
  readonly specHash: string;
  /** What is stored as the version's document: the text as applied, or the JSON value as YAML. */
  readonly document: string;
  readonly format: 'yaml' | 'json';
}

/**
 * Parses, validates and compiles an apply body with libs/pipeline-spec, or throws a 400 that
 * lists every fault. `route` is the tenant (and, for PUT, the name) the document must declare.
 */
export function planDocument(body: ApplyBody, route: { tenant: string; name?: string }): PlannedDocument {
  const text = body.document;
  const part = text !== undefined ? 'body.document' : 'body.spec';
  // The platform's schemas are known by record name, so `mapToSchema: { schema: TaxOrder }`
  // compiles; the source's connector checks its options.
  const options = { context: { schemas: platformSchemasByName() }, checkSource: sourceOptionFaults };
  const outcome = text !== undefined ? planPipeline(text, { format: body.format, ...options }) : planValue(body.spec, options);
  if (!outcome.ok) throw invalid(outcome.faults.map((fault) => specIssue(part, fault)));
  const { spec, plan } = outcome;
  const mismatches: SpecIssue[] = [];
  if (spec.metadata.tenant !== route.tenant) {
    mismatches.push(issue(part, '/metadata/tenant', `the document belongs to tenant '${spec.metadata.tenant}', not to '${route.tenant}' named in the path`));
  }
  if (route.name !== undefined && spec.metadata.name !== route.name) {
    mismatches.push(issue(part, '/metadata/name', `the document names pipeline '${spec.metadata.name}', not '${route.name}' named in the path`));
  }
  if (mismatches.length > 0) throw invalid(mismatches);
  const format = text !== undefined ? (body.format ?? (text.trimStart().startsWith('{') ? 'json' : 'yaml')) : 'json';
  const document = text ?? JSON.stringify(body.spec, null, 2);
  return { spec, plan, specHash: specHash(spec), document, format };
}

export function specHash(spec: unknown): string {
  return createHash('sha256').update(canonicalJson(spec)).digest('hex');
}

/** The spec as YAML in the schema's key order: what version diffs compare, line by line. */
export function normalisedYaml(spec: unknown): string {
  return stringify(spec, { lineWidth: 0, sortMapEntries: false });
}

/** JSON with every object's keys sorted, so equal values give equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function planValue(value: unknown, options: CompileOptions): { ok: true; spec: PipelineSpec; plan: DeploymentPlan } | { ok: false; faults: SpecFault[] } {
  const parsed = validatePipeline(value);
  if (!parsed.ok) return parsed;
  const compiled = compilePipeline(parsed.spec, options);
  if (!compiled.ok) return compiled;
  return { ok: true, spec: parsed.spec, plan: compiled.plan };
}

function invalid(issues: SpecIssue[]): ApiError {
  return new ApiError('invalid', `the pipeline document has ${issues.length} fault${issues.length === 1 ? '' : 's'}`, issues);
}

function specIssue(part: string, fault: SpecFault): SpecIssue {
  return { ...issue(part, fault.path, fault.message), ...(fault.line !== undefined && { line: fault.line, column: fault.column }) };
}

/** '/transform/2/set' under 'body.document' is 'body.document.transform.2.set'. */
function issue(part: string, pointer: string, message: string): SpecIssue {
  const segments = pointer
    .split('/')
    .slice(1)
    .filter((s) => s !== '')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return { path: [part, ...segments].join('.'), pointer: pointer || '/', message };
}
