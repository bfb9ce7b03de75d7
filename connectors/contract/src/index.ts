// @tributary/connectors: the contract between source connectors and the runtime that runs
// them (services/connector-runner), and the pieces the connectors share. The list of
// connectors itself is @tributary/connector-registry (it imports every connector, and every
// connector imports this, so the two cannot be one project). This file is the only public API.

// The contract.
export type { SourceConnector, ReadOptions, ConnectorContext } from './source-connector';
export type { DiscoveredStream, StreamField, ReadMode } from './discovered-stream';
export type { SourceBatch, SourceRecord, InvalidRow, InvalidReason, InvalidRowCode } from './source-batch';
export { START_CURSOR, isSourceCursor, type SourceCursor } from './source-cursor';
export { ConnectorError, CONNECTOR_FAILURES, failedCheck, withoutSecrets, type ConnectorFailureCode, type CheckResult } from './connector-error';
export type * from './avro-schema-types';

// Config schemas as the console and the docs see them.
export { connectorSpec, parseConnectorInput, type ConnectorSpec, type JsonSchema } from './connector-spec';
export { connectorDocs, schemaFields } from './connector-docs';

// Shared by the connectors.
export { checkReadOptions, resolveStreamName, MAX_BATCH_SIZE } from './read-options-check';
export { pagedBatches, type PagedSource } from './paged-batches';
export { convertRow, isInvalidRow, rowAsJson, type ColumnConversion } from './row-conversion';
export { Misfit, describeValue } from './misfit';
export { sqlTimestamp, calendarDate, exactLong, decimalText, type TimestampValue } from './sql-values';
export { avroName, avroFieldNames } from './avro-names';
export { userQueryProblem, queryAsSubquery, codeOutsideQuotes, type SqlDialect } from './user-query';
export { sqlReadPlan, type SqlColumnInfo, type SqlStreamInfo, type SqlReadPlan } from './sql-read-plan';
export { sqlDiscoveredStream } from './sql-stream-schema';
