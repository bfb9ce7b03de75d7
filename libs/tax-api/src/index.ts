// @tributary/tax-api: the client of TAXMAN, the tax-calculation API. Framework-free: the wire
// contract (one zod definition the sandbox also serves), TaxOrder to request and answer to
// TaxResult, idempotency keys, failures classified transient or permanent, an undici keep-alive
// pool per endpoint, and per pipeline a concurrency bound and an opossum circuit breaker.
// This file is the library's only public API.

export {
  taxRequestSchema,
  taxResponseSchema,
  errorAnswerSchema,
  problemSchema,
  fieldPathOf,
  TAX_CALCULATE_PATH,
  IDEMPOTENCY_KEY_HEADER,
  DOCUMENT_TYPES,
  JURISDICTION_LEVELS,
  type TaxRequest,
  type ParsedTaxRequest,
  type TaxResponse,
  type JurisdictionTaxAnswer,
  type Problem,
  type ErrorAnswer,
} from './taxman-contract';
export { AMOUNT_SCALE, RATE_SCALE, AMOUNT_INTEGER_DIGITS, toUnscaled, fromUnscaled, atScale, roundToScale, decimalPattern } from './decimal-amount';

export { taxRequestOf } from './tax-request';
export { taxResultOf, parseTaxResponse, InvalidAnswerError, type CallFacts } from './tax-answer';
export { idempotencyKeyOf, type OrderScope } from './idempotency-key';
export { TaxApiFailure, TAX_API_FAILURES, failureOfAnswer, failureOfError, retryAfterOf, type TaxApiFailureCode } from './tax-api-failure';

export { TaxmanEndpoint, type TaxmanEndpointOptions, type EndpointAnswer } from './taxman-endpoint';
export { ConcurrencyLimit } from './concurrency-limit';
export { EndpointCircuit, type CircuitState, type CircuitSettings, type CircuitListener } from './endpoint-circuit';
export { TaxmanClient, type TaxmanClientOptions, type TaxApiSettings, type TaxCallObservation } from './taxman-client';

/** A valid order for tests, demos and benchmarks. */
export { taxOrderFixture, orderLineFixture } from './tax-order-fixture';
