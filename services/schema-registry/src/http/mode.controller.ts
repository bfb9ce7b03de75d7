import { Body, Controller, Delete, Get, Inject, Param, Put, Query } from '@nestjs/common';
import type { SchemaRegistry } from '../schema-registry';
import type { Query as QueryParams } from '../subject-reads';
import { SCHEMA_REGISTRY } from './http-options';

/** /mode and /mode/{subject}: Confluent's ModeResource. */
@Controller('mode')
export class ModeController {
  constructor(@Inject(SCHEMA_REGISTRY) private readonly registry: SchemaRegistry) {}

  @Get()
  get(@Query() query: QueryParams) {
    return this.registry.settings.getMode(null, query);
  }

  @Put()
  put(@Body() body: unknown, @Query() query: QueryParams) {
    return this.registry.settings.putMode(null, body, query);
  }

  @Delete()
  delete() {
    return this.registry.settings.deleteMode(null);
  }

  @Get(':subject')
  getForSubject(@Param('subject') subject: string, @Query() query: QueryParams) {
    return this.registry.settings.getMode(subject, query);
  }

  @Put(':subject')
  putForSubject(@Param('subject') subject: string, @Body() body: unknown, @Query() query: QueryParams) {
    return this.registry.settings.putMode(subject, body, query);
  }

  @Delete(':subject')
  deleteForSubject(@Param('subject') subject: string) {
    return this.registry.settings.deleteMode(subject);
  }
}
