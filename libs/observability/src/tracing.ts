import { trace, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';

export interface TracingOptions {
  readonly serviceName: string;
  /** OTLP/HTTP base URL (OTEL_EXPORTER_OTLP_ENDPOINT, e.g. http://collector:4318); spans go to `<url>/v1/traces` as JSON. */
  readonly otlpEndpoint?: string;
  /** Spans to an exporter of the caller's (tests); replaces the OTLP one. */
  readonly spanProcessors?: SpanProcessor[];
}

export interface Tracing {
  /** Undefined when spans would go nowhere (no endpoint, no processors): callers skip spans then. */
  readonly tracer: Tracer | undefined;
  /** Sends what is buffered (before a process exits, or when a test wants its spans now). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * OpenTelemetry for one service process through @opentelemetry/sdk-node. Only traces: metrics are
 * Prometheus (stage-metrics.ts) and logs are pino's JSON lines carrying the trace ids, so the
 * SDK's own metric and log exporters are switched off rather than left to their env defaults,
 * which would post to a collector on localhost that usually is not there.
 *
 * Without an endpoint the SDK is not started at all and there is no tracer: spans nobody receives
 * cost a span object and its attributes per record per hop, and the SDK's context manager
 * (AsyncLocalStorage) puts an async hook on every promise of the process. Records keep the
 * traceparent they came with (inRecordSpan hands it on), so a trace started upstream still
 * joins up wherever tracing is on.
 */
export function startTracing(options: TracingOptions): Tracing {
  if (options.spanProcessors === undefined && !options.otlpEndpoint) return { tracer: undefined, flush: async () => {}, shutdown: async () => {} };
  const processors: SpanProcessor[] = options.spanProcessors ?? [
    new BatchSpanProcessor(new OTLPTraceExporter({ url: `${options.otlpEndpoint!.replace(/\/+$/, '')}/v1/traces` }), { scheduledDelayMillis: 1000 }),
  ];
  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    autoDetectResources: false,
    spanProcessors: processors,
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [],
  });
  sdk.start();
  return {
    tracer: trace.getTracer(options.serviceName),
    flush: async () => {
      await Promise.all(processors.map((p) => p.forceFlush()));
    },
    shutdown: () => sdk.shutdown(),
  };
}
