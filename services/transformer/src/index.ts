// The transformer stage as a library, for tests and the embedded stack; main.ts runs it as a process.
export { TRANSFORMER_SERVICE } from './main';
export { startTransformer } from './transformer';
export { transformHandler, type TransformedPipeline, type TransformHandlerOptions } from './transform-handler';
export { PipelineTransform, type WriterTransform } from './pipeline-transform';
export { mappedSchemaOf, MappedSchemaError } from './mapped-schema';
export { valueConverter, type ValueConverter } from './logical-values';
