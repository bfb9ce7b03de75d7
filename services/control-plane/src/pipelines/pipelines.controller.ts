import { Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { resourceName } from '@tributary/pipeline-spec';
import { z } from 'zod';
import { Access } from '../auth/access.decorator';
import { Caller } from '../auth/caller.decorator';
import type { Principal } from '../auth/principal';
import type { HttpResponse } from '../common/http-types';
import { ValidBody, ValidParam, ValidQuery } from '../common/validated';
import { PipelineCatalog, type ApplyOutcome, type VersionDiff } from './pipeline-catalog';
import { APPLY_BODY, planDocument, type ApplyBody } from './pipeline-document';
import { JSON_OR_YAML_BODY } from './yaml-body';
import type { PipelineDetail, PipelineView, VersionDetail, VersionSummary } from './pipeline-views';

const LIST_FILTER = z.strictObject({ status: z.enum(['active', 'paused', 'deleted', 'all']).optional() });
const VERSION = z.coerce.number().int().min(1).max(2_147_483_647);
const DIFF_QUERY = z.strictObject({ from: VERSION.optional(), to: VERSION.optional() });

/**
 * Pipelines of a tenant. Apply takes `{document}` (YAML or JSON text), `{spec}` (a JSON value)
 * or a raw `application/yaml` body, and answers 201 when the pipeline is new, 200 otherwise.
 */
@ApiTags('pipelines')
@Controller('tenants/:tenant/pipelines')
export class PipelinesController {
  constructor(@Inject(PipelineCatalog) private readonly catalog: PipelineCatalog) {}

  @Get()
  @Access({ action: 'pipeline.read' })
  async list(@Param('tenant') tenant: string, @ValidQuery(LIST_FILTER) filter: z.output<typeof LIST_FILTER>): Promise<{ items: PipelineView[] }> {
    return { items: await this.catalog.list(tenant, filter.status) };
  }

  /** Apply a document; the pipeline's name is the document's metadata.name. */
  @Post()
  @Access({ action: 'pipeline.apply' })
  async applyNamed(
    @Caller() caller: Principal,
    @Param('tenant') tenant: string,
    @ValidBody(APPLY_BODY, JSON_OR_YAML_BODY) body: ApplyBody,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<ApplyOutcome> {
    const outcome = await this.catalog.apply(caller, tenant, body);
    response.status(outcome.created ? 201 : 200);
    return outcome;
  }

  /** Check a document without applying it: its faults (400), or its plan. */
  @Post('validate')
  @HttpCode(200)
  @Access({ action: 'pipeline.read' })
  validate(@Param('tenant') tenant: string, @ValidBody(APPLY_BODY, JSON_OR_YAML_BODY) body: ApplyBody): { valid: true; name: string; specHash: string; topics: string[]; consumerGroups: string[] } {
    const doc = planDocument(body, { tenant });
    return { valid: true, name: doc.spec.metadata.name, specHash: doc.specHash, topics: doc.plan.topics.map((t) => t.name), consumerGroups: doc.plan.consumerGroups.map((g) => g.groupId) };
  }

  @Get(':pipeline')
  @Access({ action: 'pipeline.read' })
  get(@Param('tenant') tenant: string, @ValidParam('pipeline', resourceName) name: string): Promise<PipelineDetail> {
    return this.catalog.get(tenant, name);
  }

  /** Apply a document to this name (the document must carry the same metadata.name). */
  @Put(':pipeline')
  @Access({ action: 'pipeline.apply' })
  async apply(
    @Caller() caller: Principal,
    @Param('tenant') tenant: string,
    @ValidParam('pipeline', resourceName) name: string,
    @ValidBody(APPLY_BODY, JSON_OR_YAML_BODY) body: ApplyBody,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<ApplyOutcome> {
    const outcome = await this.catalog.apply(caller, tenant, body, name);
    response.status(outcome.created ? 201 : 200);
    return outcome;
  }

  /** Soft delete: the pipeline stops (schedule disabled, stage services told); versions, runs and topics stay. */
  @Delete(':pipeline')
  @HttpCode(204)
  @Access({ action: 'pipeline.delete' })
  async remove(@Caller() caller: Principal, @Param('tenant') tenant: string, @ValidParam('pipeline', resourceName) name: string): Promise<void> {
    await this.catalog.remove(caller, tenant, name);
  }

  @Get(':pipeline/versions')
  @Access({ action: 'pipeline.read' })
  async versions(@Param('tenant') tenant: string, @ValidParam('pipeline', resourceName) name: string): Promise<{ items: VersionSummary[] }> {
    return { items: await this.catalog.versions(tenant, name) };
  }

  @Get(':pipeline/versions/:version')
  @Access({ action: 'pipeline.read' })
  version(@Param('tenant') tenant: string, @ValidParam('pipeline', resourceName) name: string, @ValidParam('version', VERSION) version: number): Promise<VersionDetail> {
    return this.catalog.version(tenant, name, version);
  }

  /** `?from=1&to=3`; `to` is the current version by default and `from` the one before `to`: no query shows what the last apply changed. */
  @Get(':pipeline/diff')
  @Access({ action: 'pipeline.read' })
  diff(@Param('tenant') tenant: string, @ValidParam('pipeline', resourceName) name: string, @ValidQuery(DIFF_QUERY) query: z.output<typeof DIFF_QUERY>): Promise<VersionDiff> {
    return this.catalog.diff(tenant, name, query.from, query.to);
  }

  @Post(':pipeline/pause')
  @HttpCode(200)
  @Access({ action: 'pipeline.pause' })
  pause(@Caller() caller: Principal, @Param('tenant') tenant: string, @ValidParam('pipeline', resourceName) name: string): Promise<PipelineView> {
    return this.catalog.pause(caller, tenant, name);
  }

  @Post(':pipeline/resume')
  @HttpCode(200)
  @Access({ action: 'pipeline.pause' })
  resume(@Caller() caller: Principal, @Param('tenant') tenant: string, @ValidParam('pipeline', resourceName) name: string): Promise<PipelineView> {
    return this.catalog.resume(caller, tenant, name);
  }
}
