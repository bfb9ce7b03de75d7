import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { inRecordSpan } from './record-span';

const INCOMING = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('inRecordSpan', () => {
  test('with a tracer the work runs in a child span of the record: same trace, the span as the next parent', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const handed = await inRecordSpan(provider.getTracer('t'), 'transformer raw', INCOMING, { 'tributary.tenant': 'acme' }, async (traceparent) => traceparent);
    const [span] = exporter.getFinishedSpans();
    assert.equal(span.name, 'transformer raw');
    assert.equal(span.spanContext().traceId, '4bf92f3577b34da6a3ce929d0e0e4736');
    assert.equal(span.parentSpanContext?.spanId, '00f067aa0ba902b7');
    assert.equal(handed, `00-4bf92f3577b34da6a3ce929d0e0e4736-${span.spanContext().spanId}-01`);
  });

  test('a thrown error fails the span and is rethrown', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    await assert.rejects(
      inRecordSpan(provider.getTracer('t'), 'tax-sink valid', undefined, {}, async () => {
        throw new Error('no answer');
      }),
      /no answer/,
    );
    const [span] = exporter.getFinishedSpans();
    assert.equal(span.status.message, 'no answer');
    assert.equal(span.events[0]?.name, 'exception');
  });

  test('without a tracer (tracing off) the record keeps its traceparent, or gets none', async () => {
    assert.equal(await inRecordSpan(undefined, 'x', INCOMING, {}, async (traceparent) => traceparent), INCOMING);
    assert.equal(await inRecordSpan(undefined, 'x', undefined, {}, async (traceparent) => traceparent), '');
  });
});
