import { Body, Controller, Headers, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { TAX_CALCULATE_PATH } from '@tributary/tax-api';
import type { TaxSandbox } from '../tax-sandbox';
import { OPENAPI } from './openapi-schemas';
import { TAX_SANDBOX, type RawResponse } from './sandbox-tokens';

const error = (status: number, description: string) => ApiResponse({ status, description, schema: OPENAPI.errorAnswer });

/**
 * POST /v1/tax/calculate: the one route of TAXMAN's contract, as the OpenAPI document shows it.
 * Calls to exactly this path are answered by calculate-route.ts ahead of Nest (a third of the
 * CPU per call); this controller answers the rest (a query string, a trailing slash), with the
 * same TaxSandbox, so both give the same answers.
 */
@ApiTags('tax')
@Controller()
export class CalculateController {
  constructor(@Inject(TAX_SANDBOX) private readonly sandbox: TaxSandbox) {}

  @Post(TAX_CALCULATE_PATH)
  @HttpCode(200)
  @ApiOperation({ summary: 'Tax per line and in total, by jurisdiction', description: 'The same Idempotency-Key always answers with the same calculation; a key is never calculated twice.' })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'One per order version, the same on every try: 1 to 255 visible ASCII characters' })
  @ApiBody({ schema: OPENAPI.taxRequest })
  @ApiResponse({ status: 200, description: 'The calculation (header Idempotent-Replayed: true when the key was answered before)', schema: OPENAPI.taxResponse })
  @error(400, 'INVALID_REQUEST: not a tax request; IDEMPOTENCY_KEY_REQUIRED')
  @error(422, 'INVALID_ORDER: unknown currency or tax code, quantity not positive, discounts above the line...; IDEMPOTENCY_KEY_REUSED')
  @error(429, 'RATE_LIMITED, with Retry-After (knob throttleRate)')
  @error(500, 'INTERNAL (knobs errorRate, lostAnswerRate)')
  @error(503, 'UNAVAILABLE during an outage in unavailable mode, with Retry-After')
  async calculate(@Body() body: unknown, @Headers('idempotency-key') key: string | undefined, @Res() response: RawResponse): Promise<void> {
    const answer = await this.sandbox.calculate(body, key);
    for (const [name, value] of Object.entries(answer.headers)) response.setHeader(name, value);
    response.status(answer.status).json(answer.body);
  }
}
