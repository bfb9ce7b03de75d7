import { Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { resourceName } from '@tributary/pipeline-spec';
import { z } from 'zod';
import { Access } from '../auth/access.decorator';
import { Caller } from '../auth/caller.decorator';
import type { Principal } from '../auth/principal';
import { ValidBody, ValidParam } from '../common/validated';
import { StageReplay, type ReplayOutcome } from './stage-replay';

const REPLAY = z
  .strictObject({
    stage: z.string().min(1).max(200),
    fromTimestamp: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional(),
    fromOffset: z.number().int().min(0).optional(),
    partition: z.number().int().min(0).optional(),
    topic: z.string().min(1).max(249).optional(),
  })
  .superRefine((body, ctx) => {
    if ((body.fromTimestamp === undefined) === (body.fromOffset === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['fromTimestamp'], message: 'give either fromTimestamp or fromOffset' });
    }
    if (body.partition !== undefined && body.fromOffset === undefined) {
      ctx.addIssue({ code: 'custom', path: ['partition'], message: 'a partition goes with fromOffset' });
    }
  });

@ApiTags('replay')
@Controller('tenants/:tenant/pipelines/:pipeline/replay')
export class ReplayController {
  constructor(@Inject(StageReplay) private readonly replays: StageReplay) {}

  /**
   * Move a stage's consumer group to an offset or a time, to reprocess from there. The stage's
   * consumers must be stopped (409 otherwise); it resumes from the new position when started.
   */
  @Post()
  @HttpCode(200)
  @Access({ action: 'replay' })
  replay(
    @Caller() caller: Principal,
    @Param('tenant') tenant: string,
    @ValidParam('pipeline', resourceName) name: string,
    @ValidBody(REPLAY) body: z.output<typeof REPLAY>,
  ): Promise<ReplayOutcome> {
    return this.replays.replay(caller, tenant, name, { ...body, fromTimestamp: body.fromTimestamp ? new Date(body.fromTimestamp) : undefined });
  }
}
