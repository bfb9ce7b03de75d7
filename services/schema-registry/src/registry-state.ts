import { schemaIdentity, type SchemaReference } from './canonical-avro-schema';
import type { CompatibilityLevel } from './compatibility-level';
import type { ConfigValue, SchemaLogEntry, SchemaValue } from './log/schema-log-records';
import type { RegistryMode } from './registry-mode';

export interface StoredSchema {
  readonly id: number;
  readonly schema: string;
  readonly schemaType: string;
  readonly references: readonly SchemaReference[];
  readonly identity: string;
}

export interface SubjectVersion {
  readonly subject: string;
  readonly version: number;
  readonly id: number;
  readonly deleted: boolean;
  readonly schema: StoredSchema;
}

export type DeletedFilter = 'live' | 'all' | 'deleted-only';

/**
 * The registry as the `_schemas` log says it is: every instance applies the same records in the
 * same order and so holds the same state. No I/O here.
 *
 * Writers pick ids and versions from what they have read, so two instances can race. The log
 * order settles it, the same way on every instance: a SCHEMA record loses (apply returns false
 * and changes nothing) when its subject-version already holds another id, or when its id is
 * already bound to another schema. The losing writer sees that and tries again. Ids stay bound
 * to their schema after a hard delete, so an id never comes back for a different schema.
 */
export class RegistryState {
  private readonly subjects = new Map<string, Map<number, { id: number; deleted: boolean }>>();
  private readonly schemas = new Map<number, StoredSchema>();
  private readonly idsByIdentity = new Map<string, number>();
  /** The subject-versions (soft-deleted ones too) holding each id; an id nobody holds is not served. */
  private readonly holders = new Map<number, Set<string>>();
  private readonly configs = new Map<string | null, ConfigValue>();
  private readonly modes = new Map<string | null, RegistryMode>();
  private highestId = 0;
  /** Subject-versions whose newest record lost a conflict: a later record must restore the winner (see SchemaStore). */
  private readonly lostKeys = new Map<string, { subject: string; version: number }>();

  constructor(private readonly defaults: { readonly compatibilityLevel: CompatibilityLevel; readonly mode: RegistryMode }) {}

  /** Applies one record; false when it lost a conflict. Throws on a record that contradicts itself. */
  apply(entry: SchemaLogEntry): boolean {
    switch (entry.keytype) {
      case 'SCHEMA':
        return entry.value ? this.putVersion(entry.subject, entry.version, entry.value) : this.dropVersion(entry.subject, entry.version);
      case 'DELETE_SUBJECT':
        for (const [version, held] of this.subjects.get(entry.subject) ?? []) {
          if (entry.version !== null && version <= entry.version) held.deleted = true;
        }
        return true;
      case 'CONFIG':
        if (entry.value) this.configs.set(entry.subject, entry.value);
        else this.configs.delete(entry.subject);
        return true;
      case 'MODE':
        if (entry.value) this.modes.set(entry.subject, entry.value);
        else this.modes.delete(entry.subject);
        return true;
      default:
        return true;
    }
  }

  private putVersion(subject: string, version: number, value: SchemaValue): boolean {
    if (value.subject !== subject || value.version !== version) {
      throw new Error(`value names ${value.subject} version ${value.version} under key ${subject} version ${version}`);
    }
    let identity: string;
    try {
      identity = schemaIdentity(value.schemaType, value.schema, value.references);
    } catch (error) {
      throw new Error(`schema of ${subject} version ${version} is not JSON: ${(error as Error).message}`);
    }
    const key = versionKey(subject, version);
    const versions = this.subjects.get(subject) ?? new Map<number, { id: number; deleted: boolean }>();
    const held = versions.get(version);
    const bound = this.schemas.get(value.id);
    if ((held && held.id !== value.id) || (bound && bound.identity !== identity)) {
      this.lostKeys.set(key, { subject, version });
      return false;
    }
    versions.set(version, { id: value.id, deleted: value.deleted });
    this.subjects.set(subject, versions);
    if (!bound) {
      this.schemas.set(value.id, { id: value.id, schema: value.schema, schemaType: value.schemaType, references: value.references, identity });
    }
    if (!this.idsByIdentity.has(identity)) this.idsByIdentity.set(identity, value.id);
    const holders = this.holders.get(value.id) ?? new Set<string>();
    this.holders.set(value.id, holders.add(key));
    this.highestId = Math.max(this.highestId, value.id);
    this.lostKeys.delete(key);
    return true;
  }

  private dropVersion(subject: string, version: number): boolean {
    const key = versionKey(subject, version);
    const versions = this.subjects.get(subject);
    const held = versions?.get(version);
    if (versions && held) {
      versions.delete(version);
      this.holders.get(held.id)?.delete(key);
      if (versions.size === 0) this.subjects.delete(subject);
    }
    this.lostKeys.delete(key);
    return true;
  }

  subjectNames(filter: DeletedFilter, prefix = ''): string[] {
    return [...this.subjects.keys()].filter((s) => s.startsWith(prefix) && this.versions(s, filter).length > 0).sort();
  }

  /** Version numbers of a subject, ascending; empty if it has none under the filter. */
  versions(subject: string, filter: DeletedFilter): number[] {
    const versions = [...(this.subjects.get(subject) ?? [])];
    return versions
      .filter(([, held]) => (filter === 'all' ? true : filter === 'live' ? !held.deleted : held.deleted))
      .map(([version]) => version)
      .sort((a, b) => a - b);
  }

  hasSubject(subject: string, includeDeleted: boolean): boolean {
    return this.versions(subject, includeDeleted ? 'all' : 'live').length > 0;
  }

  /** One version; `version` -1 is the latest. Soft-deleted versions only when asked for. */
  version(subject: string, version: number, includeDeleted: boolean): SubjectVersion | undefined {
    const versions = this.versions(subject, includeDeleted ? 'all' : 'live');
    const wanted = version === -1 ? versions[versions.length - 1] : versions.find((v) => v === version);
    if (wanted === undefined) return undefined;
    const held = this.subjects.get(subject)!.get(wanted)!;
    return { subject, version: wanted, id: held.id, deleted: held.deleted, schema: this.schemas.get(held.id)! };
  }

  /** The highest version a subject has had that is still in the log, soft-deleted or not; 0 if none. */
  highestVersion(subject: string): number {
    return Math.max(0, ...this.versions(subject, 'all'));
  }

  /** The version of `subject` holding a schema with this identity, newest first. */
  findInSubject(subject: string, identity: string, includeDeleted: boolean): SubjectVersion | undefined {
    for (const version of this.versions(subject, includeDeleted ? 'all' : 'live').reverse()) {
      const found = this.version(subject, version, true)!;
      if (found.schema.identity === identity) return found;
    }
    return undefined;
  }

  /** A schema by id, while some subject-version (soft-deleted or not) holds it. */
  schemaById(id: number): StoredSchema | undefined {
    return (this.holders.get(id)?.size ?? 0) > 0 ? this.schemas.get(id) : undefined;
  }

  /** The schema an id was given to, even after every version holding it was hard-deleted. */
  boundSchema(id: number): StoredSchema | undefined {
    return this.schemas.get(id);
  }

  idForIdentity(identity: string): number | undefined {
    return this.idsByIdentity.get(identity);
  }

  get maxId(): number {
    return this.highestId;
  }

  /** Subject-versions holding an id, sorted by subject then version. */
  holdersOf(id: number, includeDeleted: boolean): Array<{ subject: string; version: number }> {
    return [...(this.holders.get(id) ?? [])]
      .map(parseVersionKey)
      .filter(({ subject, version }) => includeDeleted || !this.subjects.get(subject)!.get(version)!.deleted)
      .sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : a.version - b.version));
  }

  /** Ids of held schemas whose references point at this subject-version. */
  referencedBy(subject: string, version: number): number[] {
    return [...this.schemas.values()]
      .filter((s) => s.references.some((r) => r.subject === subject && r.version === version) && this.schemaById(s.id))
      .map((s) => s.id)
      .sort((a, b) => a - b);
  }

  config(subject: string | null): ConfigValue | undefined {
    return this.configs.get(subject);
  }

  compatibilityFor(subject: string | null): CompatibilityLevel {
    return (subject === null ? undefined : this.configs.get(subject)?.compatibilityLevel)
      ?? this.configs.get(null)?.compatibilityLevel ?? this.defaults.compatibilityLevel;
  }

  mode(subject: string | null): RegistryMode | undefined {
    return this.modes.get(subject);
  }

  /** The mode that applies to a subject: its own, else the global one; a global READONLY_OVERRIDE beats both. */
  modeFor(subject: string | null): RegistryMode {
    const global = this.modes.get(null) ?? this.defaults.mode;
    if (global === 'READONLY_OVERRIDE' || subject === null) return global;
    return this.modes.get(subject) ?? global;
  }

  lostVersions(): Array<{ subject: string; version: number }> {
    return [...this.lostKeys.values()];
  }
}

function versionKey(subject: string, version: number): string {
  return `${version}\u0000${subject}`;
}

function parseVersionKey(key: string): { subject: string; version: number } {
  const cut = key.indexOf('\u0000');
  return { subject: key.slice(cut + 1), version: Number(key.slice(0, cut)) };
}
