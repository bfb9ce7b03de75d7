// @tributary/source-postgres: PostgreSQL tables, views and queries as a source connector.
// Registered in connectors/registry; nothing else imports it.
export { postgresSource } from './postgres-source';
export { pgConnectionOf, postgresConfigSchema, postgresSecretsSchema, type PostgresConfig, type PostgresSecrets } from './postgres-config';
