import { readFrameSchemaId, type ConfluentAvroCodec, type SchemaRegistryClient } from '@tributary/avro';
import { stageTopic, valueSubject, type PipelineSpec } from '@tributary/pipeline-spec';
import { compileRules, type RuleReason } from '@tributary/quality';
import { RecordRejection, writeRecordHeaders, type Reason, type RecordHandler, type StreamProducer } from '@tributary/stream';
import type { DataRecord } from '@tributary/transforms';
import type { RunQuality } from './run-quality';

/** One version of an active pipeline, as the service runtime's directory gives it. */
export interface ValidatedPipeline {
  readonly tenant: string;
  readonly pipeline: string;
  readonly spec: PipelineSpec;
}

export interface ValidateHandlerOptions {
  readonly producer: StreamProducer;
  readonly codec: ConfluentAvroCodec;
  /** For the text of a mapped schema, registered again under `<p>.valid-value`. */
  readonly registry: Pick<SchemaRegistryClient, 'getSchema'>;
  /** Per-run quality figures, fed every record with its reasons. */
  readonly quality?: RunQuality;
  /** Told of each record that went on to `<p>.valid` (the records-out metric). */
  readonly onPublished?: () => void;
}

/**
 * The validator's handler for one pipeline version: every rule of `validate:` (compiled once,
 * so a new version's rules apply without a restart) checks a `<p>.mapped` record. A passing
 * record goes to `<p>.valid` byte for byte as it came (same key, same Avro frame, its context
 * headers with this hop's traceparent); its schema is registered under `<p>.valid-value` once,
 * for the topic's readers. A failing record is thrown as a RecordRejection carrying every broken
 * rule, each naming its field: the consumer runner sends it to `<p>.errors` (stage VALIDATE).
 */
export function validateHandler(pipeline: ValidatedPipeline, options: ValidateHandlerOptions): RecordHandler<DataRecord> {
  const rules = compileRules(pipeline.spec.validate as Array<Record<string, unknown>>);
  const validTopic = stageTopic(pipeline.tenant, pipeline.pipeline, 'valid');
  const registered = new Map<number, Promise<unknown>>();
  const register = (schemaId: number) => {
    let pending = registered.get(schemaId);
    if (pending === undefined) {
      pending = options.registry.getSchema(schemaId).then((schema) => options.codec.register(valueSubject(validTopic), schema));
      registered.set(schemaId, pending);
      pending.catch(() => registered.delete(schemaId));
    }
    return pending;
  };
  const runQuality = options.quality?.forPipeline(pipeline.spec, rules.rules);

  return async (record) => {
    // A tombstone on mapped (a deleted key) has nothing to check; it goes no further.
    if (record.value === null || record.payload === null) return;
    const reasons = rules.check(record.value);
    runQuality?.observe(record.context.runId, record.value, reasons);
    if (reasons.length > 0) throw new RecordRejection(reasons.map(ruleReason));
    await register(readFrameSchemaId(record.payload));
    const context = { ...record.context, tenant: record.context.tenant ?? pipeline.tenant, pipeline: record.context.pipeline ?? pipeline.pipeline };
    await options.producer.publishEncoded(validTopic, [{ key: record.keyBytes, value: record.payload, headers: writeRecordHeaders(context) }]);
    options.onPublished?.();
  };
}

/** A rule's reason as an ErrorRecord reason: the rule is the code (schemas/error-record.avsc), its position in the message. */
function ruleReason(reason: RuleReason): Reason {
  return { code: reason.rule, message: `validate[${reason.index}] ${reason.rule}: ${reason.message}`, field: reason.field ?? null };
}
