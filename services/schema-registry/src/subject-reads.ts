import { registryErrors } from './registry-errors';
import type { DeletedFilter, StoredSchema, SubjectVersion } from './registry-state';
import { flag, parseVersion } from './request-params';
import type { SchemaStore } from './schema-store';

/** Query parameters as they come off the URL; each method reads the ones Confluent's resource reads. */
export type Query = Readonly<Record<string, unknown>>;

/** The body Confluent answers for a subject-version (`schemaType` and `references` only when they say something). */
export function subjectVersionBody(found: SubjectVersion): Record<string, unknown> {
  return { subject: found.subject, version: found.version, id: found.id, ...schemaFields(found.schema) };
}

function schemaFields(schema: StoredSchema): Record<string, unknown> {
  return {
    ...(schema.schemaType !== 'AVRO' ? { schemaType: schema.schemaType } : {}),
    ...(schema.references.length > 0 ? { references: schema.references } : {}),
    schema: schema.schema,
  };
}

/** The GET side of the API: subjects, their versions, schemas by id. */
export class SubjectReads {
  constructor(private readonly store: SchemaStore) {}

  /** GET /subjects?deleted&deletedOnly&subjectPrefix */
  async listSubjects(query: Query): Promise<string[]> {
    await this.store.catchUpForRead();
    const prefix = typeof query.subjectPrefix === 'string' ? query.subjectPrefix : '';
    return this.store.state.subjectNames(deletedFilter(query), prefix);
  }

  /** GET /subjects/{subject}/versions?deleted&deletedOnly */
  async listVersions(subject: string, query: Query): Promise<number[]> {
    await this.store.catchUpForRead();
    const filter = deletedFilter(query);
    if (!this.store.state.hasSubject(subject, filter !== 'live')) throw registryErrors.subjectNotFound(subject);
    return this.store.state.versions(subject, filter);
  }

  /** GET /subjects/{subject}/versions/{version}?deleted */
  async getVersion(subject: string, versionText: string, query: Query): Promise<Record<string, unknown>> {
    return subjectVersionBody(await this.findVersion(subject, versionText, flag(query.deleted)));
  }

  /** GET /subjects/{subject}/versions/{version}/schema: the schema itself, unescaped. */
  async getVersionSchema(subject: string, versionText: string, query: Query): Promise<unknown> {
    return JSON.parse((await this.findVersion(subject, versionText, flag(query.deleted))).schema.schema);
  }

  /** GET /subjects/{subject}/versions/{version}/referencedby: ids of schemas whose references point here. */
  async referencedBy(subject: string, versionText: string): Promise<number[]> {
    const found = await this.findVersion(subject, versionText, true);
    return this.store.state.referencedBy(subject, found.version);
  }

  /** GET /schemas/ids/{id} */
  async getSchemaById(id: number): Promise<Record<string, unknown>> {
    return schemaFields(await this.findSchema(id));
  }

  /** GET /schemas/ids/{id}/schema */
  async getRawSchemaById(id: number): Promise<unknown> {
    return JSON.parse((await this.findSchema(id)).schema);
  }

  /** GET /schemas/ids/{id}/subjects?deleted */
  async subjectsForId(id: number, query: Query): Promise<string[]> {
    const holders = await this.holders(id, query);
    return [...new Set(holders.map((h) => h.subject))];
  }

  /** GET /schemas/ids/{id}/versions?deleted */
  async versionsForId(id: number, query: Query): Promise<Array<{ subject: string; version: number }>> {
    return this.holders(id, query);
  }

  /** GET /schemas?subjectPrefix&deleted&latestOnly: every subject-version, as Confluent lists them. */
  async listSchemas(query: Query): Promise<Array<Record<string, unknown>>> {
    await this.store.catchUpForRead();
    const state = this.store.state;
    const includeDeleted = flag(query.deleted);
    const prefix = typeof query.subjectPrefix === 'string' ? query.subjectPrefix : '';
    return state.subjectNames(includeDeleted ? 'all' : 'live', prefix).flatMap((subject) => {
      const versions = state.versions(subject, includeDeleted ? 'all' : 'live');
      const shown = flag(query.latestOnly) ? versions.slice(-1) : versions;
      return shown.map((version) => subjectVersionBody(state.version(subject, version, true)!));
    });
  }

  private async findVersion(subject: string, versionText: string, includeDeleted: boolean): Promise<SubjectVersion> {
    const version = parseVersion(versionText);
    await this.store.catchUpForRead();
    const found = this.store.state.version(subject, version, includeDeleted);
    if (found) return found;
    if (!this.store.state.hasSubject(subject, includeDeleted)) throw registryErrors.subjectNotFound(subject);
    throw registryErrors.versionNotFound(version);
  }

  private async findSchema(id: number): Promise<StoredSchema> {
    await this.store.catchUpForRead();
    const schema = this.store.state.schemaById(id);
    if (!schema) throw registryErrors.schemaNotFound(id);
    return schema;
  }

  private async holders(id: number, query: Query): Promise<Array<{ subject: string; version: number }>> {
    await this.store.catchUpForRead();
    if (!this.store.state.schemaById(id)) throw registryErrors.schemaNotFound();
    return this.store.state.holdersOf(id, flag(query.deleted));
  }
}

function deletedFilter(query: Query): DeletedFilter {
  if (flag(query.deletedOnly)) return 'deleted-only';
  return flag(query.deleted) ? 'all' : 'live';
}
