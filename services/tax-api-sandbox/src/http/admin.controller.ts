import { Body, Controller, Get, HttpException, Inject, Put } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { fieldPathOf } from '@tributary/tax-api';
import type { Outage } from '../outage-windows';
import { knobsChangeSchema, type Knobs } from '../sandbox-knobs';
import type { SandboxStatsSnapshot } from '../sandbox-stats';
import type { TaxSandbox } from '../tax-sandbox';
import { OPENAPI } from './openapi-schemas';
import { TAX_SANDBOX } from './sandbox-tokens';

/** The sandbox's own routes (not TAXMAN's): its knobs and what it counted. */
@ApiTags('sandbox')
@Controller('v1')
export class AdminController {
  constructor(@Inject(TAX_SANDBOX) private readonly sandbox: TaxSandbox) {}

  @Get('knobs')
  @ApiResponse({ status: 200, schema: OPENAPI.knobs })
  knobs(): Knobs & { outage: Outage | null } {
    return { ...this.sandbox.knobs, outage: this.sandbox.outages.current };
  }

  @Put('knobs')
  @ApiOperation({ summary: 'Change knobs now; start an outage ({ outage: { seconds, mode } }) or end one (outage: null)' })
  @ApiBody({ schema: OPENAPI.knobsChange })
  @ApiResponse({ status: 200, schema: OPENAPI.knobs })
  @ApiResponse({ status: 400, schema: OPENAPI.errorAnswer })
  change(@Body() body: unknown): Knobs & { outage: Outage | null } {
    const parsed = knobsChangeSchema.safeParse(body ?? {});
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => ({ field: fieldPathOf(i.path), code: 'INVALID_FIELD', message: i.message }));
      throw new HttpException({ error: { code: 'INVALID_KNOBS', message: 'the knobs were not changed', problems } }, 400);
    }
    this.sandbox.changeKnobs(parsed.data);
    return this.knobs();
  }

  @Get('stats')
  @ApiOperation({ summary: 'What the sandbox counted since it started: calculations, replays, orders taxed twice, injected faults' })
  stats(): SandboxStatsSnapshot {
    return this.sandbox.statistics();
  }
}
