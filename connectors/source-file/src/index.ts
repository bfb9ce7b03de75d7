// @tributary/source-file: CSV, JSON and NDJSON files of a folder as a source connector.
// Registered in connectors/registry; nothing else imports it.
export { fileSource } from './file-source';
export { fileConfigSchema, fileSecretsSchema, type FileConfig, type FileSecrets } from './file-config';
