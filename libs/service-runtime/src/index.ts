// @tributary/service-runtime: the shell every stage service shares (DESIGN.md "What every service
// does the same way"): config from env parsed once, JSON logs, traces, Kafka and the registry,
// the live pipeline directory, one consumer per pipeline, /health and /metrics over NestJS, and
// a graceful stop. A service adds its own start. This file is the only public API.
export { runService, startService, SERVICE_CONTEXT, type ServiceDefinition, type RunningService } from './run-service';
export type { ServiceContext, StartedService } from './service-context';
export { parseServiceEnv, optionalVariable, ConfigError, BASE_ENV, type BaseConfig } from './service-config';
export { PipelineDirectory, activePipelineOf, type ActivePipeline, type DirectoryListener } from './pipeline-directory';
export { PipelineConsumers, type PipelineConsumerSpec } from './pipeline-consumers';
export { ServiceHealth } from './service-health';
export { PinoNestLogger } from './pino-nest-logger';
