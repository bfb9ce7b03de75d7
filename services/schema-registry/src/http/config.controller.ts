import { Body, Controller, Delete, Get, Inject, Param, Put, Query } from '@nestjs/common';
import type { SchemaRegistry } from '../schema-registry';
import type { Query as QueryParams } from '../subject-reads';
import { SCHEMA_REGISTRY } from './http-options';

/** /config and /config/{subject}: Confluent's ConfigResource. */
@Controller('config')
export class ConfigController {
  constructor(@Inject(SCHEMA_REGISTRY) private readonly registry: SchemaRegistry) {}

  @Get()
  get(@Query() query: QueryParams) {
    return this.registry.settings.getConfig(null, query);
  }

  @Put()
  put(@Body() body: unknown) {
    return this.registry.settings.putConfig(null, body);
  }

  @Delete()
  delete() {
    return this.registry.settings.deleteConfig(null);
  }

  @Get(':subject')
  getForSubject(@Param('subject') subject: string, @Query() query: QueryParams) {
    return this.registry.settings.getConfig(subject, query);
  }

  @Put(':subject')
  putForSubject(@Param('subject') subject: string, @Body() body: unknown) {
    return this.registry.settings.putConfig(subject, body);
  }

  @Delete(':subject')
  deleteForSubject(@Param('subject') subject: string) {
    return this.registry.settings.deleteConfig(subject);
  }
}
