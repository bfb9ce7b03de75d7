/** The TaxSandbox instance the controllers answer with. */
export const TAX_SANDBOX = Symbol('TaxSandbox');

/** The parts of Express's request and response the controllers use. */
export interface RawResponse {
  status(code: number): RawResponse;
  setHeader(name: string, value: string): void;
  json(body: unknown): void;
}
