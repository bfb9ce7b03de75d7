import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { resourceName } from '@tributary/pipeline-spec';
import { z } from 'zod';
import { Access } from '../auth/access.decorator';
import { Caller } from '../auth/caller.decorator';
import type { Principal } from '../auth/principal';
import { ValidBody, ValidParam, ValidQuery } from '../common/validated';
import { RunLedger } from './run-ledger';
import type { ErrorSampleView, RunDetail, RunView } from './run-views';

const RUN_ID = z.uuid('must be a run id (UUID)');
const STATUSES = ['requested', 'running', 'succeeded', 'failed', 'cancelled'] as const;
const DATE_TIME = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });

const RUN_FILTER = z.strictObject({
  pipeline: resourceName.optional(),
  /** One status or several, comma-separated: `failed,cancelled`. */
  status: z
    .string()
    .transform((text) => text.split(',').map((s) => s.trim()))
    .pipe(z.array(z.enum(STATUSES, `must be statuses among ${STATUSES.join(', ')}`)))
    .optional(),
  trigger: z.enum(['schedule', 'api', 'cli', 'console', 'replay', 'other']).optional(),
  since: DATE_TIME.optional(),
  until: DATE_TIME.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});

const START = z.strictObject({
  mode: z.enum(['full', 'incremental']).optional(),
  trigger: z.enum(['api', 'cli', 'console']).optional(),
});

const PAGE = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().regex(/^\d{1,19}$/, 'must be the nextCursor of a previous page').optional(),
});

@ApiTags('runs')
@Controller('tenants/:tenant')
export class RunsController {
  constructor(@Inject(RunLedger) private readonly runs: RunLedger) {}

  /** Runs, newest first, filtered by pipeline, status(es), trigger and request time; page with `cursor`. */
  @Get('runs')
  @Access({ action: 'run.read' })
  list(@Param('tenant') tenant: string, @ValidQuery(RUN_FILTER) filter: z.output<typeof RUN_FILTER>): Promise<{ items: RunView[]; nextCursor: string | null }> {
    return this.runs.list(tenant, { ...filter, since: filter.since ? new Date(filter.since) : undefined, until: filter.until ? new Date(filter.until) : undefined });
  }

  /** Run the pipeline now: a requested run, and its request on `_tributary.runs`. */
  @Post('pipelines/:pipeline/runs')
  @Access({ action: 'run.start' })
  start(
    @Caller() caller: Principal,
    @Param('tenant') tenant: string,
    @ValidParam('pipeline', resourceName) name: string,
    @ValidBody(START) body: z.output<typeof START>,
  ): Promise<RunView> {
    return this.runs.start(caller, tenant, name, body);
  }

  /** The run with its counts per stage and its events. */
  @Get('runs/:runId')
  @Access({ action: 'run.read' })
  get(@Param('tenant') tenant: string, @ValidParam('runId', RUN_ID) runId: string): Promise<RunDetail> {
    return this.runs.get(tenant, runId);
  }

  @Post('runs/:runId/cancel')
  @HttpCode(200)
  @Access({ action: 'run.cancel' })
  cancel(@Caller() caller: Principal, @Param('tenant') tenant: string, @ValidParam('runId', RUN_ID) runId: string): Promise<RunView> {
    return this.runs.cancel(caller, tenant, runId);
  }

  /** Samples of the run's failed records with the reasons each failed. */
  @Get('runs/:runId/errors')
  @Access({ action: 'run.read' })
  errors(
    @Param('tenant') tenant: string,
    @ValidParam('runId', RUN_ID) runId: string,
    @ValidQuery(PAGE) page: z.output<typeof PAGE>,
  ): Promise<{ items: ErrorSampleView[]; nextCursor: string | null }> {
    return this.runs.errors(tenant, runId, page.limit, page.cursor);
  }

  /** The run's data-quality report. */
  @Get('runs/:runId/quality')
  @Access({ action: 'run.read' })
  quality(@Param('tenant') tenant: string, @ValidParam('runId', RUN_ID) runId: string): Promise<object> {
    return this.runs.quality(tenant, runId);
  }
}
