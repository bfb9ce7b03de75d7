// @tributary/sink-mongodb: MongoDB as a store sink (upserts by tenant, pipeline and key, indexes
// at connect), and the sink side of the connector contract it is the first to need. There is no
// sink list in connectors/registry yet; the result-writer imports this directly.
export { mongodbSink } from './mongodb-sink';
export { mongodbSinkConfigSchema, mongodbSinkSecretsSchema, DEFAULT_DATABASE, type MongodbSinkConfig, type MongodbSinkSecrets } from './mongodb-sink-config';
export { SINK_INDEXES, META as SINK_META_FIELD } from './mongodb-upserts';
export type { SinkConnector, SinkWriter, SinkRecord, SinkWriteOutcome } from './sink-connector';
/** A MongoDB-wire-compatible test double for specs (see its comment for what it does not cover). */
export { MongoWireDouble } from './testing/mongo-wire-double';
