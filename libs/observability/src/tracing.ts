import { trace, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, NoopSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';

export interface TracingOptions {
  readonly serviceName: string;
  /** OTLP/HTTP base URL (OTEL_EXPORTER_OTLP_ENDPOINT, e.g. http://collector:4318); spans go to `<url>/v1/traces` as JSON. */
  readonly otlpEndpoint?: string;
  /** Spans to an exporter of the caller's (tests); replaces the OTLP one. */
  readonly spanProcessors?: SpanProcessor[];
}

export interface Tracing {
  readonly tracer: Tracer;
  /** Sends what is buffered (before a process exits, or when a test wants its spans now). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * OpenTelemetry for one service process through @opentelemetry/sdk-node. Only traces: metrics are
 * Prometheus (stage-metrics.ts) and logs are pino's JSON lines carrying the trace ids, so the
 * SDK's own metric and log exporters are switched off rather than left to their env defaults,
 * which would post to a collector on localhost that usually is not there. Without an endpoint
 * spans still get real ids (so traceparent headers carry on from hop to hop) and are dropped.
 */
export function startTracing(options: TracingOptions): Tracing {
  const processors: SpanProcessor[] = options.spanProcessors ?? [
    options.otlpEndpoint
      ? new BatchSpanProcessor(new OTLPTraceExporter({ url: `${options.otlpEndpoint.replace(/\/+$/, '')}/v1/traces` }), { scheduledDelayMillis: 1000 })
      : new NoopSpanProcessor(),
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
