import { Body, Controller, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import type { SchemaRegistry } from '../schema-registry';
import type { Query as QueryParams } from '../subject-reads';
import { SCHEMA_REGISTRY } from './http-options';

/** /compatibility: Confluent's CompatibilityResource. */
@Controller('compatibility/subjects/:subject/versions')
export class CompatibilityController {
  constructor(@Inject(SCHEMA_REGISTRY) private readonly registry: SchemaRegistry) {}

  @Post()
  @HttpCode(200)
  againstSubject(@Param('subject') subject: string, @Body() body: unknown, @Query() query: QueryParams) {
    return this.registry.registration.testAgainstSubject(subject, body, query);
  }

  @Post(':version')
  @HttpCode(200)
  againstVersion(@Param('subject') subject: string, @Param('version') version: string, @Body() body: unknown, @Query() query: QueryParams) {
    return this.registry.registration.testAgainstVersion(subject, version, body, query);
  }
}
