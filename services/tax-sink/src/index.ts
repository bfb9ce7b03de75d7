// The tax-sink stage as a library, for tests and the embedded stack; main.ts runs it as a process.
export { TAX_SINK_SERVICE } from './main';
export { startTaxSink, type TaxSinkConfig } from './tax-sink';
export { PipelineTaxSink, type PipelineTaxSinkOptions, type PartitionControl } from './pipeline-tax-sink';
export { taxOrderHandler, type TaxOrderHandlerOptions } from './tax-order-handler';
export { TaxSinkMetrics, CIRCUIT_STATE_VALUE } from './tax-sink-metrics';
export { taxSinkSettingsOf, retryScheduleOf, type TaxSinkSettings } from './tax-sink-settings';
export { TAX_SINK_ENV } from './tax-sink-config';
