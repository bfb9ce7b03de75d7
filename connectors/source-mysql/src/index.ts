// @tributary/source-mysql: MySQL and MariaDB tables, views and queries as a source connector.
// Registered in connectors/registry; nothing else imports it.
export { mysqlSource } from './mysql-source';
export { mysqlConfigSchema, mysqlSecretsSchema, type MysqlConfig, type MysqlSecrets } from './mysql-config';
