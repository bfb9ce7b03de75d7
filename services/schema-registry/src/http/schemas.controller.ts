import { Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import type { SchemaRegistry } from '../schema-registry';
import type { Query as QueryParams } from '../subject-reads';
import { SCHEMA_REGISTRY } from './http-options';

/** /schemas: Confluent's SchemasResource. */
@Controller('schemas')
export class SchemasController {
  constructor(@Inject(SCHEMA_REGISTRY) private readonly registry: SchemaRegistry) {}

  @Get()
  list(@Query() query: QueryParams) {
    return this.registry.reads.listSchemas(query);
  }

  @Get('types')
  types() {
    return this.registry.schemaTypes();
  }

  @Get('ids/:id')
  byId(@Param('id') id: string) {
    return this.registry.reads.getSchemaById(schemaId(id));
  }

  @Get('ids/:id/schema')
  rawById(@Param('id') id: string) {
    return this.registry.reads.getRawSchemaById(schemaId(id));
  }

  @Get('ids/:id/subjects')
  subjects(@Param('id') id: string, @Query() query: QueryParams) {
    return this.registry.reads.subjectsForId(schemaId(id), query);
  }

  @Get('ids/:id/versions')
  versions(@Param('id') id: string, @Query() query: QueryParams) {
    return this.registry.reads.versionsForId(schemaId(id), query);
  }
}

/** An id that is not an int is no resource at all: Jersey answers a path parameter it cannot convert with 404. */
function schemaId(text: string): number {
  const id = /^-?\d{1,10}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(id) || id > 2 ** 31 - 1 || id < -(2 ** 31)) throw new NotFoundException();
  return id;
}
