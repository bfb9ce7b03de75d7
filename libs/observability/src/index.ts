// @tributary/observability: what every service does the same way to be seen (DESIGN.md): traces
// through @opentelemetry/sdk-node continued across Kafka hops by the traceparent header, JSON
// logs carrying trace ids, and the Prometheus metrics of a stage. This file is the only public API.
export { startTracing, type Tracing, type TracingOptions } from './tracing';
export { inRecordSpan, activeTraceIds } from './record-span';
export { createServiceLogger, type LogLevel } from './service-logger';
export { StageMetrics, type PipelineLabels } from './stage-metrics';
export { readConsumerLag, recordConsumerLag, type PartitionLag } from './consumer-lag';
