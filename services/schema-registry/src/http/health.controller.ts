import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import type { HttpResponse } from './http-types';
import type { SchemaRegistry } from '../schema-registry';
import { SCHEMA_REGISTRY } from './http-options';

/** `/` (Confluent answers `{}`), and the health and metrics endpoints every Tributary service has. */
@Controller()
export class HealthController {
  constructor(@Inject(SCHEMA_REGISTRY) private readonly registry: SchemaRegistry) {}

  @Get()
  root() {
    return {};
  }

  @Get('health/live')
  live() {
    return { status: 'UP' };
  }

  /** Ready while it can reach the `_schemas` log and has read it to its end. */
  @Get('health/ready')
  async ready() {
    try {
      await this.registry.store.catchUp(2000);
    } catch (error) {
      throw new ServiceUnavailableException((error as Error).message);
    }
    return { status: 'UP', offset: this.registry.store.offset };
  }

  @Get('metrics')
  metrics(@Res() response: HttpResponse): void {
    const state = this.registry.store.state;
    const subjects = state.subjectNames('live').length;
    response.type('text/plain; version=0.0.4').send([
      '# HELP schema_registry_log_offset Next offset of the _schemas topic this instance will read.',
      '# TYPE schema_registry_log_offset gauge',
      `schema_registry_log_offset ${this.registry.store.offset}`,
      '# HELP schema_registry_subjects Subjects with at least one live version.',
      '# TYPE schema_registry_subjects gauge',
      `schema_registry_subjects ${subjects}`,
      '# HELP schema_registry_max_schema_id Highest schema id handed out.',
      '# TYPE schema_registry_max_schema_id gauge',
      `schema_registry_max_schema_id ${state.maxId}`,
      '',
    ].join('\n'));
  }
}
