export { startSchemaRegistry, type RunningSchemaRegistry, type SchemaRegistryServerOptions } from './schema-registry-server';
export { SchemaRegistry, type SchemaRegistryOptions } from './schema-registry';
export { COMPATIBILITY_LEVELS, parseCompatibilityLevel, type CompatibilityLevel } from './compatibility-level';
export { KafkaSchemaLog, type KafkaSchemaLogOptions } from './log/kafka-schema-log';
export { RegistryError, REGISTRY_ERRORS, type RegistryErrorType } from './registry-errors';
