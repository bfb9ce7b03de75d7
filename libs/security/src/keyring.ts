import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';

/** AES-256 wants exactly 32 bytes of key. */
export const MASTER_KEY_BYTES = 32;

// Key ids end up inside sealed values (`v1.<keyId>....`), so they may not contain the dot
// that separates the parts; short, because every sealed row carries one.
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]+={0,2}|[A-Za-z0-9_-]+)$/;

/** A master-key list that cannot be used. Names where it came from, never the key material. */
export class KeyringError extends Error {
  override readonly name = 'KeyringError';

  constructor(
    readonly source: string,
    detail: string,
  ) {
    super(`${source}: ${detail}`);
  }
}

export interface KeyringEntry {
  readonly id: string;
  readonly key: Uint8Array;
}

// Key material lives outside the instance, so no logger, JSON.stringify or debugger walking a
// Keyring (or a SecretBox holding one) can print it.
const material = new WeakMap<Keyring, ReadonlyMap<string, Buffer>>();

/**
 * The master keys secrets are sealed under. The first key is the current one: new values are
 * sealed with it, the others only open values sealed before a rotation.
 */
export class Keyring {
  readonly currentKeyId: string;
  readonly keyIds: readonly string[];

  /** `source` names where the keys came from (an env variable) in every error about them. */
  constructor(entries: readonly KeyringEntry[], readonly source = 'keyring') {
    if (entries.length === 0) throw new KeyringError(source, 'holds no keys; expected "<keyId>:<base64 of 32 bytes>", ...');
    const keys = new Map<string, Buffer>();
    entries.forEach((entry, index) => {
      const where = `entry ${index + 1}`;
      if (!KEY_ID.test(entry.id)) {
        throw new KeyringError(source, `${where} has an invalid key id (1 to 32 letters, digits, "_" or "-")`);
      }
      if (entry.key.byteLength !== MASTER_KEY_BYTES) {
        throw new KeyringError(
          source,
          `${where} (key id "${entry.id}") is ${entry.key.byteLength} bytes; a master key must be ${MASTER_KEY_BYTES} bytes`,
        );
      }
      if (keys.has(entry.id)) throw new KeyringError(source, `${where} repeats key id "${entry.id}"`);
      keys.set(entry.id, Buffer.from(entry.key));
    });
    this.keyIds = [...keys.keys()];
    this.currentKeyId = this.keyIds[0];
    material.set(this, keys);
  }

  has(keyId: string): boolean {
    return this.keyIds.includes(keyId);
  }

  toJSON(): { source: string; currentKeyId: string; keyIds: readonly string[] } {
    return { source: this.source, currentKeyId: this.currentKeyId, keyIds: this.keyIds };
  }

  [inspect.custom](): string {
    return `Keyring(${this.source}: ${this.keyIds.join(', ')}; current ${this.currentKeyId})`;
  }
}

/** The raw key for `keyId`; for SecretBox only, deliberately not exported from the library. */
export function keyMaterial(keyring: Keyring, keyId: string): Buffer | undefined {
  return material.get(keyring)?.get(keyId);
}

/**
 * Parses a key list such as `TRIBUTARY_MASTER_KEYS="k2:<base64>,k1:<base64>"`: comma-separated
 * `<keyId>:<base64 of 32 bytes>`, current key first. Rotation: put a new key in front, reseal,
 * then drop the old one. Errors name `variableName` and the entry's position (and its key id
 * once that is known to be one), never the key text.
 */
export function parseKeyring(text: string, variableName: string): Keyring {
  if (typeof text !== 'string' || text.trim() === '') {
    throw new KeyringError(variableName, 'is empty; expected "<keyId>:<base64 of 32 bytes>", current key first');
  }
  const entries = text.split(',').map((raw, index): KeyringEntry => {
    const where = `entry ${index + 1}`;
    const entry = raw.trim();
    if (entry === '') throw new KeyringError(variableName, `${where} is empty (a stray comma?)`);
    const colon = entry.indexOf(':');
    if (colon < 0) throw new KeyringError(variableName, `${where} has no "<keyId>:" in front of its key`);
    const id = entry.slice(0, colon).trim();
    const encoded = entry.slice(colon + 1).trim();
    if (!KEY_ID.test(id)) {
      throw new KeyringError(variableName, `${where} has an invalid key id (1 to 32 letters, digits, "_" or "-")`);
    }
    if (!BASE64.test(encoded)) throw new KeyringError(variableName, `${where} (key id "${id}") is not base64`);
    // Node's base64 decoder reads both alphabets (+/ and -_), padded or not.
    return { id, key: Buffer.from(encoded, 'base64') };
  });
  return new Keyring(entries, variableName);
}

/** A fresh master key in the form parseKeyring reads (`openssl rand -base64 32` does the same). */
export function generateMasterKey(): string {
  return randomBytes(MASTER_KEY_BYTES).toString('base64');
}
