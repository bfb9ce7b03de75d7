import { parseCompatibilityLevel } from './compatibility-level';
import { encodeConfigValue, encodeModeValue, type ConfigValue } from './log/schema-log-records';
import { registryErrors } from './registry-errors';
import { isReadOnly, parseRegistryMode, type RegistryMode } from './registry-mode';
import { checkSubject, flag } from './request-params';
import { requireObject } from './schema-request';
import type { SchemaStore } from './schema-store';
import type { Query } from './subject-reads';

/**
 * /config and /mode, globally (subject null) and per subject. A subject's own setting wins over
 * the global one; reading a subject that has none is 40408 / 40409 unless ?defaultToGlobal=true.
 */
export class RegistrySettings {
  constructor(private readonly store: SchemaStore) {}

  /** GET /config and /config/{subject}: `{"compatibilityLevel": "BACKWARD"}`. */
  async getConfig(subject: string | null, query: Query): Promise<ConfigValue> {
    await this.store.catchUpForRead();
    const state = this.store.state;
    if (subject === null || flag(query.defaultToGlobal)) {
      return { ...state.config(subject), compatibilityLevel: state.compatibilityFor(subject) };
    }
    const config = state.config(subject);
    if (!config) throw registryErrors.compatibilityNotConfigured(subject);
    return config;
  }

  /** PUT /config and /config/{subject} with `{"compatibility": "FULL", "normalize"?: bool}`; answers with the new config. */
  async putConfig(subject: string | null, body: unknown): Promise<{ compatibility?: string; normalize?: boolean }> {
    if (subject !== null) checkSubject(subject);
    const request = requireObject(body);
    const named = request.compatibility ?? request.compatibilityLevel;
    const level = parseCompatibilityLevel(named);
    if (named !== undefined && named !== null && !level) throw registryErrors.invalidCompatibilityLevel();
    if (request.normalize !== undefined && request.normalize !== null && typeof request.normalize !== 'boolean') {
      throw registryErrors.invalidCompatibilityLevel();
    }
    return this.store.transact(async () => {
      this.checkWritable(subject);
      const config: ConfigValue = {
        ...this.store.state.config(subject),
        ...(level ? { compatibilityLevel: level } : {}),
        ...(typeof request.normalize === 'boolean' ? { normalize: request.normalize } : {}),
      };
      await this.store.write({ keytype: 'CONFIG', subject }, encodeConfigValue(config));
      const { compatibilityLevel, ...rest } = config;
      return { ...(compatibilityLevel ? { compatibility: compatibilityLevel } : {}), ...rest };
    });
  }

  /** DELETE /config and /config/{subject}: back to the global (or default) level; answers with the config removed. */
  async deleteConfig(subject: string | null): Promise<ConfigValue> {
    return this.store.transact(async () => {
      const state = this.store.state;
      const removed = subject === null ? { ...state.config(null), compatibilityLevel: state.compatibilityFor(null) } : state.config(subject);
      if (!removed) throw registryErrors.subjectNotFound(subject);
      this.checkWritable(subject);
      await this.store.write({ keytype: 'CONFIG', subject }, null);
      return removed;
    });
  }

  /** GET /mode and /mode/{subject}: `{"mode": "READWRITE"}`. */
  async getMode(subject: string | null, query: Query): Promise<{ mode: RegistryMode }> {
    await this.store.catchUpForRead();
    const state = this.store.state;
    if (subject === null || flag(query.defaultToGlobal)) return { mode: state.modeFor(subject) };
    const mode = state.mode(subject);
    if (!mode) throw registryErrors.modeNotConfigured(subject);
    return { mode };
  }

  /**
   * PUT /mode and /mode/{subject} with `{"mode": "READONLY"}`. IMPORT is refused while live
   * schemas exist there, unless ?force=true, since imported ids must not clash with them.
   */
  async putMode(subject: string | null, body: unknown, query: Query): Promise<{ mode: RegistryMode }> {
    if (subject !== null) checkSubject(subject);
    const mode = parseRegistryMode(requireObject(body).mode);
    if (!mode) throw registryErrors.invalidMode();
    return this.store.transact(async () => {
      const state = this.store.state;
      if (mode === 'IMPORT' && state.modeFor(subject) !== 'IMPORT' && !flag(query.force)) {
        const existing = subject === null ? state.subjectNames('live').length > 0 : state.hasSubject(subject, false);
        if (existing) throw registryErrors.notPermitted('Cannot import since found existing subjects');
      }
      await this.store.write({ keytype: 'MODE', subject }, encodeModeValue(mode));
      return { mode };
    });
  }

  /** DELETE /mode and /mode/{subject}: answers with the mode removed. */
  async deleteMode(subject: string | null): Promise<{ mode: RegistryMode }> {
    return this.store.transact(async () => {
      const state = this.store.state;
      const removed = subject === null ? state.modeFor(null) : state.mode(subject);
      if (!removed) throw registryErrors.subjectNotFound(subject);
      await this.store.write({ keytype: 'MODE', subject }, null);
      return { mode: removed };
    });
  }

  private checkWritable(subject: string | null): void {
    if (isReadOnly(this.store.state.modeFor(subject))) {
      throw registryErrors.notPermitted(`Subject ${subject ?? '(global)'} is in read-only mode`);
    }
  }
}
