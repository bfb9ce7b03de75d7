// The validator stage as a library, for tests and the embedded stack; main.ts runs it as a process.
export { VALIDATOR_SERVICE } from './main';
export { startValidator } from './validator';
export { validateHandler, type ValidatedPipeline, type ValidateHandlerOptions } from './validate-handler';
export { RunQuality } from './run-quality';
