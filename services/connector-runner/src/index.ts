// The connector runner as a library, for tests and the embedded stack; main.ts runs it as a process.
export { CONNECTOR_RUNNER_SERVICE } from './main';
export { startConnectorRunner } from './connector-runner';
export { CONNECTOR_RUNNER_ENV, type ConnectorRunnerConfig } from './connector-runner-config';
export { RunExecutor, type RunExecutorOptions, type RunControl, type RunOutcome, type PipelineLookup } from './run-executor';
export { RunConsumer, type RunConsumerOptions } from './run-consumer';
export { KafkaCursorStore, type CursorStore } from './cursor-store';
export { DatabaseSecretSource, type SecretSource } from './secret-source';
export { runEventPublisher, runEvent, type RunRequest, type SourceCounts } from './run-events';
