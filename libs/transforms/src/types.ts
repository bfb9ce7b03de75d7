// The contract between the transform steps and whoever runs them (libs/pipeline-spec compiles a
// pipeline's `transform:` list with it; services/transformer runs it once per record).
import type { z } from 'zod';
import type { FieldSet } from './field-set';

/**
 * A record as decoded from Avro (or JSON): a plain object. Steps may mutate it in place.
 * A key whose value is `undefined` is absent, as JSON.stringify and Avro encoders treat it:
 * steps that remove fields (drop, rename, explode) set them to undefined instead of using
 * `delete`, which would slow every later step (see compileDeleter). Steps never store
 * undefined otherwise; a missing value they produce is null.
 */
export type DataRecord = Record<string, unknown>;

/**
 * Why a record failed a step. The record then goes to `<p>.errors` with these reasons.
 * `index` is the position of the step in the pipeline's `transform:` list (0-based).
 */
export interface Reason {
  step: string;
  index: number;
  field?: string;
  message: string;
}

/**
 * A reference dataset named in the pipeline and handed over at compile time (e.g. a country
 * table loaded by the control plane). `key` names the column that `lookup` matches on.
 */
export interface ReferenceDataset {
  readonly key: string;
  readonly rows: readonly DataRecord[];
}

/** What compiling a step may need from its surroundings; everything is optional. */
export interface CompileContext {
  /** Named reference datasets for `lookup: { reference: <name> }`. */
  readonly references?: Readonly<Record<string, ReferenceDataset>>;
  /** Named Avro schemas (JSON) for `mapToSchema: { schema: <name> }`. */
  readonly schemas?: Readonly<Record<string, unknown>>;
  /** Clock for the expression function now(), in epoch milliseconds. Default Date.now. */
  readonly now?: () => number;
  /** IANA zone used by date parsing/formatting when a step or call names none. Default 'UTC'. */
  readonly timeZone?: string;
}

/** One kind of step: the YAML key, its config schema, and how to compile a config. */
export interface StepDefinition<C = unknown> {
  /** The YAML key: 'rename', 'set', ... */
  readonly name: string;
  /** One sentence for docs and the console. */
  readonly description: string;
  /** Its config schema; kept JSON-Schema expressible (pipeline-spec runs z.toJSONSchema on it). */
  readonly config: z.ZodType<C>;
  /**
   * Compiles a config that already passed `config`: parses paths and expressions once.
   * Throws StepConfigError naming the problem (and where in the config it sits).
   */
  compile(config: C, ctx: CompileContext): CompiledStep;
}

/** A step ready to run: built once per pipeline, applied to every record. */
export interface CompiledStep {
  /** Field paths it reads, normalized ('lines[].sku'): used for static checks. */
  readonly reads: readonly string[];
  /** The fields a record has after this step, given the fields it had before. */
  outputFields(input: FieldSet): FieldSet;
  /**
   * Applies the step: calls emit zero (filter), one, or many (explode) times, and returns
   * undefined on success or the reasons the record failed (then it emits nothing). Never throws.
   */
  apply(record: DataRecord, emit: (record: DataRecord) => void): Reason[] | undefined;
}

/** One problem found while compiling a `transform:` list, located for error messages. */
export interface TransformProblem {
  /** Position of the step in the list. */
  index: number;
  /** The step's name (the YAML key), or '' when the item has no recognizable key. */
  step: string;
  /** Path inside the item, starting with the step name: ['set', 'total']. */
  path: (string | number)[];
  message: string;
  /** For expression errors: 0-based offset inside the string found at `path`. */
  position?: number;
}

/** The result of running a record through every step. */
export interface TransformResult {
  /** Output records (zero when filtered out; none when the record failed). */
  records: DataRecord[];
  /** Why the record failed; empty on success. A failed record yields no output records. */
  reasons: Reason[];
}

/** A whole `transform:` list compiled once. */
export interface CompiledTransform {
  /** The compiled steps, in order, with their names. */
  readonly steps: readonly { readonly name: string; readonly step: CompiledStep }[];
  /** Runs one record through all steps. May mutate `record`. Never throws. */
  run(record: DataRecord): TransformResult;
  /**
   * Static check: the fields after the last step, and a reason for each step that reads a
   * field no earlier step (nor the input) produces.
   */
  outputFields(input: FieldSet): { fields: FieldSet; errors: Reason[] };
}
