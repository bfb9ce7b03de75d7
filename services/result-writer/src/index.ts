// The result-writer service: its start and variables for the supervisor and specs, the
// TaxResult-to-document conversion the websocket gateway shares (it belongs beside
// TaxResultDocument in libs/persistence), and the platform the specs of both run against.
export { startResultWriter, type ResultWriterConfig } from './result-writer';
export { RESULT_WRITER_ENV } from './result-writer-env';
export { taxResultDocumentOf } from './tax-result-document';
export { ResultsPlatform, taxResult } from './testing/results-platform';
