import { encodeDeleteSubjectValue, encodeSchemaValue } from './log/schema-log-records';
import { registryErrors } from './registry-errors';
import { isReadOnly } from './registry-mode';
import { flag, parseVersion } from './request-params';
import { LOST, type SchemaStore } from './schema-store';
import type { Query } from './subject-reads';

/**
 * Deleting versions and subjects, as Confluent does: a soft delete hides them but keeps their
 * ids decodable; a hard delete (?permanent=true) removes them from the log, and only after a
 * soft delete (40405 / 40407 otherwise). Nothing referenced by another schema goes (42206).
 */
export class SchemaDeletion {
  constructor(private readonly store: SchemaStore) {}

  /** DELETE /subjects/{subject}/versions/{version}?permanent: answers with the version deleted. */
  async deleteVersion(subject: string, versionText: string, query: Query): Promise<number> {
    const version = parseVersion(versionText);
    const permanent = flag(query.permanent);
    return this.store.transact(async () => {
      const state = this.store.state;
      // "latest" soft-deletes the latest live version (if there is none, the latest is already soft-deleted: 40406).
      const target = state.version(subject, version, permanent || version !== -1) ?? state.version(subject, version, true);
      if (!target) throw state.hasSubject(subject, true) ? registryErrors.versionNotFound(version) : registryErrors.subjectNotFound(subject);
      if (target.deleted && !permanent) throw registryErrors.versionSoftDeleted(subject, versionText);
      this.checkWritable(subject);
      if (state.referencedBy(subject, target.version).length > 0) throw registryErrors.referenceExists(subject, target.version);
      if (permanent && !target.deleted) throw registryErrors.versionNotSoftDeleted(subject, versionText);
      const key = { keytype: 'SCHEMA', subject, version: target.version } as const;
      if (permanent) {
        await this.store.write(key, null);
        if (!state.hasSubject(subject, true)) await this.dropSubjectSettings(subject);
        return target.version;
      }
      const { id, schema, schemaType, references } = target.schema;
      const value = encodeSchemaValue({ subject, version: target.version, id, schema, schemaType, references, deleted: true });
      return (await this.store.write(key, value)) ? target.version : LOST;
    });
  }

  /** DELETE /subjects/{subject}?permanent: answers with the versions deleted. */
  async deleteSubject(subject: string, query: Query): Promise<number[]> {
    const permanent = flag(query.permanent);
    return this.store.transact(async () => {
      const state = this.store.state;
      if (!state.hasSubject(subject, true)) throw registryErrors.subjectNotFound(subject);
      if (!permanent && !state.hasSubject(subject, false)) throw registryErrors.subjectSoftDeleted(subject);
      this.checkWritable(subject);
      const versions = state.versions(subject, permanent ? 'all' : 'live');
      for (const version of versions) {
        if (state.referencedBy(subject, version).length > 0) throw registryErrors.referenceExists(subject, version);
        if (permanent && !state.version(subject, version, true)!.deleted) throw registryErrors.subjectNotSoftDeleted(subject);
      }
      if (!permanent) {
        const upTo = versions[versions.length - 1];
        await this.store.write({ keytype: 'DELETE_SUBJECT', subject }, encodeDeleteSubjectValue(subject, upTo));
        return versions;
      }
      for (const version of versions) await this.store.write({ keytype: 'SCHEMA', subject, version }, null);
      await this.dropSubjectSettings(subject);
      return versions;
    });
  }

  private checkWritable(subject: string): void {
    if (isReadOnly(this.store.state.modeFor(subject))) throw registryErrors.notPermitted(`Subject ${subject} is in read-only mode`);
  }

  /** A subject gone for good takes its own compatibility level and mode with it. */
  private async dropSubjectSettings(subject: string): Promise<void> {
    if (this.store.state.config(subject)) await this.store.write({ keytype: 'CONFIG', subject }, null);
    if (this.store.state.mode(subject)) await this.store.write({ keytype: 'MODE', subject }, null);
  }
}
