import { Controller, Delete, Get, HttpCode, Inject, Param, Put, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { cronProblem, resourceName } from '@tributary/pipeline-spec';
import { z } from 'zod';
import { Access } from '../auth/access.decorator';
import { Caller } from '../auth/caller.decorator';
import type { Principal } from '../auth/principal';
import type { HttpResponse } from '../common/http-types';
import { ValidBody, ValidParam } from '../common/validated';
import { ScheduleBook, type ScheduleView } from './schedule-book';
import { isTimeZone } from './time-zone';

const SCHEDULE = z.strictObject({
  cron: z
    .string()
    .max(200)
    .superRefine((text, ctx) => {
      const problem = cronProblem(text);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  timeZone: z.string().max(100).refine(isTimeZone, 'must be an IANA time zone such as UTC or Europe/Berlin').default('UTC'),
  catchUp: z
    .strictObject({
      policy: z.enum(['none', 'last', 'all']).describe('none: skip missed fire times; last: run the latest missed one; all: run each (up to limit)'),
      limit: z.number().int().min(1).max(1000).default(10),
    })
    .default({ policy: 'last', limit: 10 }),
  enabled: z.boolean().default(true),
});

@ApiTags('schedules')
@Controller('tenants/:tenant')
export class SchedulesController {
  constructor(@Inject(ScheduleBook) private readonly schedules: ScheduleBook) {}

  @Get('schedules')
  @Access({ action: 'pipeline.read' })
  async list(@Param('tenant') tenant: string): Promise<{ items: ScheduleView[] }> {
    return { items: await this.schedules.list(tenant) };
  }

  @Get('pipelines/:pipeline/schedule')
  @Access({ action: 'pipeline.read' })
  get(@Param('tenant') tenant: string, @ValidParam('pipeline', resourceName) name: string): Promise<ScheduleView> {
    return this.schedules.get(tenant, name);
  }

  /** Sets the pipeline's schedule (a document's `source.schedule` replaces the cron when it is next applied with a change). */
  @Put('pipelines/:pipeline/schedule')
  @Access({ action: 'schedule.manage' })
  async put(
    @Caller() caller: Principal,
    @Param('tenant') tenant: string,
    @ValidParam('pipeline', resourceName) name: string,
    @ValidBody(SCHEDULE) body: z.output<typeof SCHEDULE>,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<ScheduleView> {
    const { created, ...view } = await this.schedules.put(caller, tenant, name, body);
    response.status(created ? 201 : 200);
    return view;
  }

  @Delete('pipelines/:pipeline/schedule')
  @HttpCode(204)
  @Access({ action: 'schedule.manage' })
  async remove(@Caller() caller: Principal, @Param('tenant') tenant: string, @ValidParam('pipeline', resourceName) name: string): Promise<void> {
    await this.schedules.remove(caller, tenant, name);
  }
}
