import { errorAnswerSchema, taxRequestSchema, taxResponseSchema } from '@tributary/tax-api';
import { z } from 'zod';
import { knobsChangeSchema, knobsSchema } from '../sandbox-knobs';

/**
 * The contract's zod schemas as OpenAPI 3.0 schema objects, for the controllers' decorators:
 * the document served at /v1/openapi.json is generated from the very schemas that validate
 * requests (libs/tax-api's contract, the knobs), so it cannot drift from what is checked.
 */
function openApi(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as Record<string, unknown>;
}

export const OPENAPI = {
  taxRequest: openApi(taxRequestSchema, 'input'),
  taxResponse: openApi(taxResponseSchema, 'output'),
  errorAnswer: openApi(errorAnswerSchema, 'output'),
  knobs: openApi(knobsSchema, 'output'),
  knobsChange: openApi(knobsChangeSchema, 'input'),
};
