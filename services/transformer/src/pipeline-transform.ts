import { platformSchemasByName, type SchemaRegistryClient } from '@tributary/avro';
import type { PipelineSpec } from '@tributary/pipeline-spec';
import { compileTransform, fieldSetFromAvro, TransformCompileError, type CompileContext, type DataRecord, type TransformResult } from '@tributary/transforms';
import { valueConverter } from './logical-values';
import { MappedSchemaError, mappedSchemaOf } from './mapped-schema';
import { sourceNameRestorer, withSourceNames } from './source-names';

/** What the transformer does to records written with one raw schema. */
export interface WriterTransform {
  /** The pipeline's steps, ending with the coercion to `schema`; never throws. */
  run(record: DataRecord): TransformResult;
  /** The Avro schema of `<p>.mapped` records, registered under `<p>.mapped-value`. */
  readonly schema: Record<string, unknown>;
  /** `schema` as JSON text, made once: what is registered. */
  readonly schemaText: string;
}

/**
 * One pipeline version's transform, compiled once per raw schema (the directory hands a new
 * version to a new handler, so new steps apply without a restart). Raw records may come from
 * upstream producers in any registered schema, so what depends on it is made per writer schema
 * id, once each:
 * - fields the connector renamed for Avro get their source names back, which the steps use, and
 *   logical values pass between the codec's form and the steps' (logical-values.ts);
 * - the mapped schema: the `mapToSchema` the transform ends with (TaxOrder, or inline); with no
 *   steps, the raw schema itself; otherwise one made of the fields the steps are known to
 *   produce from the raw schema (mapped-schema.ts), with a `mapToSchema` to it appended so
 *   values are coerced to it.
 */
export class PipelineTransform {
  private readonly context: CompileContext = { schemas: platformSchemasByName() };
  private readonly steps: Array<Record<string, unknown>>;
  private readonly target: Record<string, unknown> | undefined;
  private readonly byWriter = new Map<number, Promise<WriterTransform>>();

  constructor(
    private readonly spec: PipelineSpec,
    /** The registry, for a raw schema's text as registered: avsc's parsed types drop field attributes such as sourceName. */
    private readonly registry: Pick<SchemaRegistryClient, 'getSchema'>,
  ) {
    this.steps = spec.transform as Array<Record<string, unknown>>;
    const last = this.steps.at(-1);
    if (last !== undefined && 'mapToSchema' in last) {
      const target = (last.mapToSchema as { schema: string | Record<string, unknown> }).schema;
      this.target = typeof target === 'string' ? (this.context.schemas![target] as Record<string, unknown>) : target;
    }
  }

  /** The transform of records whose Confluent frame names this schema id. */
  forWriter(schemaId: number): Promise<WriterTransform> {
    let pending = this.byWriter.get(schemaId);
    if (pending === undefined) {
      pending = this.compileFor(schemaId);
      this.byWriter.set(schemaId, pending);
      // A registry that could not be reached is asked again for the next record; a schema that
      // cannot be made stays unmade for this version (every record of it fails the same way).
      pending.catch((error) => {
        if (!(error instanceof MappedSchemaError || error instanceof TransformCompileError)) this.byWriter.delete(schemaId);
      });
    }
    return pending;
  }

  private async compileFor(schemaId: number): Promise<WriterTransform> {
    const raw = JSON.parse(await this.registry.getSchema(schemaId)) as Record<string, unknown>;
    const withTransform = (steps: Array<Record<string, unknown>>, schema: Record<string, unknown>): WriterTransform => {
      const transform = compileTransform(steps, this.context);
      // Without steps the records go on as written: the raw schema's names and values.
      const schemaText = JSON.stringify(schema);
      if (steps.length === 0) return { run: (record) => transform.run(record), schema, schemaText };
      const prepare = [valueConverter(raw, 'to-steps'), sourceNameRestorer(raw)].filter((f) => f !== undefined);
      const finish = valueConverter(schema, 'to-codec');
      const run = (record: DataRecord): TransformResult => {
        for (const step of prepare) step(record);
        const result = transform.run(record);
        if (finish) for (const out of result.records) finish(out);
        return result;
      };
      return { run, schema, schemaText };
    };
    if (this.target) return withTransform(this.steps, this.target);
    if (this.steps.length === 0) return withTransform([], raw);
    const fields = compileTransform(this.steps, this.context).outputFields(withSourceNames(fieldSetFromAvro(raw), raw)).fields;
    const schema = mappedSchemaOf(fields, `${this.spec.metadata.name.replace(/-/g, '_')}_mapped`);
    return withTransform([...this.steps, { mapToSchema: { schema } }], schema);
  }
}
