import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import type { SchemaRegistry } from '../schema-registry';
import type { Query as QueryParams } from '../subject-reads';
import { SCHEMA_REGISTRY } from './http-options';

/** /subjects: Confluent's SubjectsResource and SubjectVersionsResource, one line each onto the registry. */
@Controller('subjects')
export class SubjectsController {
  constructor(@Inject(SCHEMA_REGISTRY) private readonly registry: SchemaRegistry) {}

  @Get()
  list(@Query() query: QueryParams) {
    return this.registry.reads.listSubjects(query);
  }

  @Post(':subject')
  @HttpCode(200)
  lookUp(@Param('subject') subject: string, @Body() body: unknown, @Query() query: QueryParams) {
    return this.registry.registration.lookUp(subject, body, query);
  }

  @Delete(':subject')
  deleteSubject(@Param('subject') subject: string, @Query() query: QueryParams) {
    return this.registry.deletion.deleteSubject(subject, query);
  }

  @Get(':subject/versions')
  versions(@Param('subject') subject: string, @Query() query: QueryParams) {
    return this.registry.reads.listVersions(subject, query);
  }

  @Post(':subject/versions')
  @HttpCode(200)
  register(@Param('subject') subject: string, @Body() body: unknown) {
    return this.registry.registration.register(subject, body);
  }

  @Get(':subject/versions/:version')
  version(@Param('subject') subject: string, @Param('version') version: string, @Query() query: QueryParams) {
    return this.registry.reads.getVersion(subject, version, query);
  }

  @Get(':subject/versions/:version/schema')
  versionSchema(@Param('subject') subject: string, @Param('version') version: string, @Query() query: QueryParams) {
    return this.registry.reads.getVersionSchema(subject, version, query);
  }

  @Get(':subject/versions/:version/referencedby')
  referencedBy(@Param('subject') subject: string, @Param('version') version: string) {
    return this.registry.reads.referencedBy(subject, version);
  }

  @Delete(':subject/versions/:version')
  deleteVersion(@Param('subject') subject: string, @Param('version') version: string, @Query() query: QueryParams) {
    return this.registry.deletion.deleteVersion(subject, version, query);
  }
}
