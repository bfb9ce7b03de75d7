import { AvroEncodeError, readFrameSchemaId, SchemaRegistryError, type SchemaRegistryClient } from '@tributary/avro';
import { stageTopic, type PipelineSpec } from '@tributary/pipeline-spec';
import { PublishError, RecordRejection, type Reason, type RecordHandler, type StreamProducer } from '@tributary/stream';
import { TransformCompileError, type DataRecord, type Reason as StepReason } from '@tributary/transforms';
import { MappedSchemaError } from './mapped-schema';
import { PipelineTransform, type WriterTransform } from './pipeline-transform';

/** One version of an active pipeline, as the service runtime's directory gives it. */
export interface TransformedPipeline {
  readonly tenant: string;
  readonly pipeline: string;
  readonly spec: PipelineSpec;
}

/**
 * The transformer's handler for one pipeline version: a `<p>.raw` record through the pipeline's
 * steps to `<p>.mapped` (Avro, the mapped schema registered under `<p>.mapped-value`), keyed as
 * it came and with its context headers (the traceparent being this hop's span). A record that
 * fails a step, or does not fit the mapped schema, is thrown as a RecordRejection whose reasons
 * name the step and the field: the consumer runner sends it to `<p>.errors` (stage TRANSFORM)
 * and the partition moves on. A record the steps filter out ends here, without error.
 */
export function transformHandler(
  pipeline: TransformedPipeline,
  producer: StreamProducer,
  registry: Pick<SchemaRegistryClient, 'getSchema'>,
  /** Told how many records went to `<p>.mapped` for each record handled (the records-out metric). */
  onPublished: (count: number) => void = () => undefined,
): RecordHandler<DataRecord> {
  const compiled = new PipelineTransform(pipeline.spec, registry);
  const mappedTopic = stageTopic(pipeline.tenant, pipeline.pipeline, 'mapped');
  return async (record) => {
    // A tombstone on raw (an upstream producer deleting a key) has nothing to map.
    if (record.value === null || record.payload === null) return;
    const writer = await writerTransform(compiled, record.payload);
    const result = writer.run(record.value);
    if (result.reasons.length > 0) throw new RecordRejection(result.reasons.map(stepReason));
    if (result.records.length === 0) return;
    // Upstream producers may write raw records without our headers: the topic says whose they are.
    const context = { ...record.context, tenant: record.context.tenant ?? pipeline.tenant, pipeline: record.context.pipeline ?? pipeline.pipeline };
    try {
      await producer.publish(mappedTopic, result.records.map((value) => ({ key: record.keyBytes, value, context })), { schema: writer.schema });
    } catch (error) {
      throw publishRejection(error, mappedTopic);
    }
    onPublished(result.records.length);
  };
}

async function writerTransform(compiled: PipelineTransform, payload: Buffer): Promise<WriterTransform> {
  try {
    return await compiled.forWriter(readFrameSchemaId(payload));
  } catch (error) {
    if (error instanceof MappedSchemaError) throw new RecordRejection({ code: 'MAPPED_SCHEMA', message: error.message, field: error.field });
    if (error instanceof TransformCompileError) {
      throw new RecordRejection(error.problems.map((p) => ({ code: 'MAPPED_SCHEMA', message: `the mapped schema made from this record's schema does not compile: ${p.message}` })));
    }
    throw error;
  }
}

/** A step's reason as an ErrorRecord reason: the step is the code, its position and the field in the message. */
function stepReason(reason: StepReason): Reason {
  return { code: reason.step, message: `transform[${reason.index}] ${reason.step}: ${reason.message}`, field: reason.field ?? null };
}

/** The record's own fault (it does not fit, the registry refuses its schema) as a rejection; anything else as it is. */
function publishRejection(error: unknown, topic: string): unknown {
  const cause = error instanceof PublishError ? error.cause : error;
  if (cause instanceof AvroEncodeError) return new RecordRejection({ code: 'SCHEMA_MISMATCH', message: `does not fit the schema of ${topic}: ${cause.message}`, field: cause.path || null });
  if (cause instanceof SchemaRegistryError && (cause.type === 'INCOMPATIBLE_SCHEMA' || cause.type === 'INVALID_SCHEMA')) {
    return new RecordRejection({ code: cause.type, message: `the mapped schema was refused for ${topic}-value: ${cause.message}` });
  }
  return error;
}
