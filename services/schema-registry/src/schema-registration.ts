import { checkCompatibility, type PreviousSchema } from './compatibility-level';
import { encodeSchemaValue } from './log/schema-log-records';
import { parseRegisteredSchema, type ParsedRegisteredSchema } from './parse-registered-schema';
import { RegistryError, registryErrors } from './registry-errors';
import { isReadOnly } from './registry-mode';
import type { SubjectVersion } from './registry-state';
import { checkSubject, flag, parseVersion } from './request-params';
import { readSchemaRequest, type SchemaRequest } from './schema-request';
import { LOST, type SchemaStore } from './schema-store';
import { StoredSchemaTypes } from './stored-schema-types';
import type { Query } from './subject-reads';

/** Registering, looking up and testing schemas against a subject. */
export class SchemaRegistration {
  private readonly types: StoredSchemaTypes;

  constructor(private readonly store: SchemaStore) {
    this.types = new StoredSchemaTypes(store.state);
  }

  /**
   * POST /subjects/{subject}/versions. A schema the subject already holds (same normalised form)
   * answers with its id; a schema registered under another subject gets that id again; a new
   * one gets the highest id seen + 1, after passing the subject's compatibility level.
   */
  async register(subject: string, body: unknown): Promise<{ id: number }> {
    checkSubject(subject);
    const request = readSchemaRequest(body);
    const id = await this.store.transact(() => this.tryRegister(subject, request));
    return { id };
  }

  private async tryRegister(subject: string, request: SchemaRequest): Promise<number | typeof LOST> {
    const state = this.store.state;
    const mode = state.modeFor(subject);
    if (isReadOnly(mode)) throw registryErrors.notPermitted(`Subject ${subject} is in read-only mode`);
    if (request.id !== undefined && mode !== 'IMPORT') throw registryErrors.notPermitted(`Subject ${subject} is not in import mode`);
    if (request.id === undefined && mode !== 'READWRITE') throw registryErrors.notPermitted(`Subject ${subject} is not in read-write mode`);
    const parsed = this.parse(request);
    const existing = state.findInSubject(subject, parsed.identity, false);
    if (existing && (request.id ?? existing.id) === existing.id && (request.version ?? existing.version) === existing.version) {
      return existing.id;
    }

    const highest = state.highestVersion(subject);
    const version = request.version ?? highest + 1;
    if (mode !== 'IMPORT') {
      if (version !== highest + 1) throw registryErrors.invalidSchema('Version is not one more than previous version');
      const messages = checkCompatibility(state.compatibilityFor(subject), parsed.type, this.previous(subject));
      if (messages.length > 0) throw registryErrors.incompatible(subject, messages);
    } else if (state.version(subject, version, true)) {
      throw registryErrors.notPermitted(`Subject ${subject} already has a version ${version}`);
    }
    const id = request.id ?? state.idForIdentity(parsed.identity) ?? state.maxId + 1;
    const bound = state.boundSchema(id);
    if (bound && bound.identity !== parsed.identity) {
      throw registryErrors.notPermitted(`Overwrite new schema with id ${id} is not permitted.`);
    }
    // As Confluent does: older soft-deleted versions holding the same id go, so a subject holds an id once.
    for (const old of state.versions(subject, 'deleted-only')) {
      if (old < version && state.version(subject, old, true)!.id === id) await this.store.write({ keytype: 'SCHEMA', subject, version: old }, null);
    }
    const value = encodeSchemaValue({
      subject, version, id, schema: parsed.text, schemaType: 'AVRO', references: request.references, deleted: false,
    });
    return (await this.store.write({ keytype: 'SCHEMA', subject, version }, value)) ? id : LOST;
  }

  /** POST /subjects/{subject}?deleted: the version of the subject holding this schema. */
  async lookUp(subject: string, body: unknown, query: Query): Promise<Record<string, unknown>> {
    const request = readSchemaRequest(body);
    await this.store.catchUpForRead();
    const includeDeleted = flag(query.deleted);
    const found = this.store.state.findInSubject(subject, this.parse(request).identity, includeDeleted);
    if (!found) {
      throw this.store.state.hasSubject(subject, includeDeleted) ? registryErrors.schemaNotFound() : registryErrors.subjectNotFound(subject);
    }
    return { subject, version: found.version, id: found.id, schema: found.schema.schema };
  }

  /**
   * POST /compatibility/subjects/{subject}/versions/{version}?verbose: would the schema pass the
   * subject's level against that version (the latest: against the latest, or nothing if none)?
   */
  async testAgainstVersion(subject: string, versionText: string, body: unknown, query: Query): Promise<CompatibilityAnswer> {
    const version = parseVersion(versionText);
    const request = readSchemaRequest(body);
    await this.store.catchUpForRead();
    const state = this.store.state;
    const target = state.version(subject, version, false);
    if (!target && version !== -1) {
      throw state.hasSubject(subject, false) ? registryErrors.versionNotFound(version) : registryErrors.subjectNotFound(subject);
    }
    return this.test(subject, request, target ? [this.toPrevious(target)] : [], flag(query.verbose));
  }

  /** POST /compatibility/subjects/{subject}/versions?verbose: against the subject's versions, as register would check. */
  async testAgainstSubject(subject: string, body: unknown, query: Query): Promise<CompatibilityAnswer> {
    const request = readSchemaRequest(body);
    await this.store.catchUpForRead();
    return this.test(subject, request, this.previous(subject), flag(query.verbose));
  }

  private test(subject: string, request: SchemaRequest, previous: PreviousSchema[], verbose: boolean): CompatibilityAnswer {
    let messages: string[];
    try {
      messages = checkCompatibility(this.store.state.compatibilityFor(subject), this.parse(request).type, previous);
    } catch (error) {
      // Confluent answers an unparseable schema with 42201, or as the reason it is incompatible when asked to be verbose.
      if (!verbose || !(error instanceof RegistryError) || error.type !== 'INVALID_SCHEMA') throw error;
      messages = [error.message];
    }
    return verbose ? { is_compatible: messages.length === 0, messages } : { is_compatible: messages.length === 0 };
  }

  /** The subject's live versions, oldest first, as compatibility checks take them. */
  private previous(subject: string): PreviousSchema[] {
    const state = this.store.state;
    return state.versions(subject, 'live').map((version) => this.toPrevious(state.version(subject, version, false)!));
  }

  private toPrevious(found: SubjectVersion): PreviousSchema {
    const types = this.types;
    // Parsed on demand: a non-transitive level looks at the latest version only.
    return { version: found.version, schema: found.schema.schema, get type() { return types.typeOf(found.schema); } };
  }

  private parse(request: SchemaRequest): ParsedRegisteredSchema {
    const state = this.store.state;
    return parseRegisteredSchema(request.schema, request.references, (ref) => state.version(ref.subject, ref.version, true)?.schema);
  }
}

export interface CompatibilityAnswer {
  readonly is_compatible: boolean;
  readonly messages?: string[];
}
