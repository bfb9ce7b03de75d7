import { AvroEncodeError, readFrameSchemaId, SchemaRegistryError, type ConfluentAvroCodec, type SchemaRegistryClient } from '@tributary/avro';
import { stageTopic, valueSubject, type PipelineSpec } from '@tributary/pipeline-spec';
import { DROPPED, RecordRejection, writeRecordHeaders, type Reason, type RecordHandler, type StreamProducer } from '@tributary/stream';
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
export interface TransformHandlerOptions {
  readonly producer: StreamProducer;
  readonly codec: ConfluentAvroCodec;
  /** For a raw schema's text as registered (field attributes included). */
  readonly registry: Pick<SchemaRegistryClient, 'getSchema'>;
  /** Told how many records went to `<p>.mapped` for each record handled (the records-out metric). */
  readonly onPublished?: (count: number) => void;
}

export function transformHandler(pipeline: TransformedPipeline, options: TransformHandlerOptions): RecordHandler<DataRecord> {
  const { producer, codec } = options;
  const compiled = new PipelineTransform(pipeline.spec, options.registry);
  const mappedTopic = stageTopic(pipeline.tenant, pipeline.pipeline, 'mapped');
  // Registered once per mapped schema, however many records are in flight when it is first met;
  // records are then encoded with that schema's id (two raw schemas may map to two schemas).
  const schemaIds = new WeakMap<WriterTransform, Promise<number>>();
  const schemaIdOf = (writer: WriterTransform): Promise<number> => {
    let id = schemaIds.get(writer);
    if (id === undefined) {
      id = codec.register(valueSubject(mappedTopic), writer.schemaText);
      schemaIds.set(writer, id);
      id.catch((error) => {
        if (!isRefusal(error)) schemaIds.delete(writer);
      });
    }
    return id;
  };
  return async (record) => {
    // A tombstone on raw (an upstream producer deleting a key) has nothing to map.
    if (record.value === null || record.payload === null) return;
    const writer = await writerTransform(compiled, record.payload);
    const result = writer.run(record.value);
    if (result.reasons.length > 0) throw new RecordRejection(result.reasons.map(stepReason));
    // A filter step dropped it: done, and counted for its run as filtered, not passed on.
    if (result.records.length === 0) return DROPPED;
    // Upstream producers may write raw records without our headers: the topic says whose they are.
    const context = { ...record.context, tenant: record.context.tenant ?? pipeline.tenant, pipeline: record.context.pipeline ?? pipeline.pipeline };
    try {
      const id = await schemaIdOf(writer);
      const headers = writeRecordHeaders(context);
      const frames = await Promise.all(result.records.map((value) => codec.encode(id, value)));
      await producer.publishEncoded(mappedTopic, frames.map((value) => ({ key: record.keyBytes, value, headers })));
    } catch (error) {
      throw publishRejection(error, mappedTopic);
    }
    options.onPublished?.(result.records.length);
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
  if (error instanceof AvroEncodeError) return new RecordRejection({ code: 'SCHEMA_MISMATCH', message: `does not fit the schema of ${topic}: ${error.message}`, field: error.path || null });
  if (isRefusal(error)) return new RecordRejection({ code: error.type, message: `the mapped schema was refused for ${topic}-value: ${error.message}` });
  return error;
}

/** The registry will not take the schema, now or later. */
function isRefusal(error: unknown): error is SchemaRegistryError {
  return error instanceof SchemaRegistryError && (error.type === 'INCOMPATIBLE_SCHEMA' || error.type === 'INVALID_SCHEMA');
}
