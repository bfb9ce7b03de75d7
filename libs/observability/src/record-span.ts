import { context, defaultTextMapGetter, defaultTextMapSetter, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

const w3c = new W3CTraceContextPropagator();

/**
 * Runs `work` in a span that continues the record's W3C `traceparent` header (a new trace when
 * it has none or a malformed one), and hands it the traceparent of that span for the records it
 * publishes: so one order's spans form one trace from source to result, hop by hop. A thrown
 * error marks the span failed and is rethrown. Without a tracer (tracing off) `work` gets the
 * record's own traceparent, or '' when it has none.
 */
export async function inRecordSpan<T>(
  tracer: Tracer | undefined,
  name: string,
  traceparent: string | undefined,
  attributes: Attributes,
  work: (outgoingTraceparent: string) => Promise<T>,
): Promise<T> {
  if (tracer === undefined) return work(traceparent ?? '');
  const parent = traceparent ? w3c.extract(ROOT_CONTEXT, { traceparent }, defaultTextMapGetter) : ROOT_CONTEXT;
  const span = tracer.startSpan(name, { kind: SpanKind.CONSUMER, attributes }, parent);
  const active = trace.setSpan(parent, span);
  const carrier: Record<string, string> = {};
  w3c.inject(active, carrier, defaultTextMapSetter);
  try {
    return await context.with(active, () => work(carrier.traceparent));
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    throw error;
  } finally {
    span.end();
  }
}

/** The trace and span ids of the active span, for log lines; empty outside a span. */
export function activeTraceIds(): { trace_id?: string; span_id?: string } {
  const span = trace.getSpan(context.active());
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}
