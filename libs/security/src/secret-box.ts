import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { decodeBase64UrlStrict, encodeBase64Url } from './base64url';
import { Keyring, keyMaterial } from './keyring';

// Sealed format, text so it fits any column and survives JSON:
//   v1.<keyId>.<iv>.<ciphertext>.<tag>      (iv, ciphertext, tag: unpadded base64url)
// AES-256-GCM with a random 96-bit IV per seal (NIST SP 800-38D's recommended IV length; with
// random IVs one key stays safe for 2^32 seals) and the full 128-bit tag. The additional
// authenticated data binds the version, the key id and the caller's context, so a value copied
// to another row (another tenant or secret name), or relabelled with another key id, fails.
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ALGORITHM = 'aes-256-gcm';
// Only unpaired surrogates: in a /u regex a valid pair is one code point and does not match.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

export type SecretOpenFailure = 'malformed' | 'unknown-version' | 'unknown-key' | 'authentication-failed';

/**
 * A sealed value that cannot be opened. Carries the reason and the context, never the sealed
 * text or anything of the plaintext.
 */
export class SecretOpenError extends Error {
  override readonly name = 'SecretOpenError';

  constructor(
    readonly reason: SecretOpenFailure,
    detail: string,
  ) {
    super(`sealed secret cannot be opened: ${detail}`);
  }
}

interface SealedParts {
  keyId: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

function parseSealed(sealed: string): SealedParts {
  if (typeof sealed !== 'string') throw new SecretOpenError('malformed', `expected a string, got ${typeof sealed}`);
  const parts = sealed.split('.');
  if (parts[0] !== VERSION) {
    throw parts.length === 5 && /^v\d+$/.test(parts[0])
      ? new SecretOpenError('unknown-version', `format "${parts[0]}" is not known (this build reads ${VERSION})`)
      : new SecretOpenError('malformed', `expected "${VERSION}.<keyId>.<iv>.<ciphertext>.<tag>"`);
  }
  if (parts.length !== 5) throw new SecretOpenError('malformed', `expected 5 dot-separated parts, found ${parts.length}`);
  const [, keyId, ivText, ciphertextText, tagText] = parts;
  const iv = decodeBase64UrlStrict(ivText);
  const ciphertext = decodeBase64UrlStrict(ciphertextText);
  const tag = decodeBase64UrlStrict(tagText);
  if (keyId === '') throw new SecretOpenError('malformed', 'the key id is empty');
  if (!iv || iv.length !== IV_BYTES) throw new SecretOpenError('malformed', `the IV is not ${IV_BYTES} bytes of base64url`);
  if (!ciphertext) throw new SecretOpenError('malformed', 'the ciphertext is not base64url');
  if (!tag || tag.length !== TAG_BYTES) throw new SecretOpenError('malformed', `the tag is not ${TAG_BYTES} bytes of base64url`);
  return { keyId, iv, ciphertext, tag };
}

function additionalData(keyId: string, context: string): Buffer {
  // Key ids contain no dot and the version is fixed, so this joining is unambiguous.
  return Buffer.from(`${VERSION}.${keyId}.${context}`, 'utf8');
}

function checkContext(context: string): void {
  if (typeof context !== 'string' || context === '') {
    throw new TypeError('a secret context (e.g. "<tenant>/<secretName>") must be a non-empty string');
  }
}

/** Seals and opens secrets at rest under a Keyring's master keys. */
export class SecretBox {
  constructor(private readonly keyring: Keyring) {}

  /** Seals `plaintext` under the current key, bound to `context` (e.g. `acme/erp-db`). */
  seal(plaintext: string, context: string): string {
    if (typeof plaintext !== 'string') throw new TypeError(`a secret must be a string, got ${typeof plaintext}`);
    // A lone surrogate has no UTF-8 form; it would come back as U+FFFD, a silently different secret.
    if (LONE_SURROGATE.test(plaintext)) throw new TypeError('a secret may not contain unpaired UTF-16 surrogates');
    checkContext(context);
    const keyId = this.keyring.currentKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key(keyId), iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(additionalData(keyId, context));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, keyId, encodeBase64Url(iv), encodeBase64Url(ciphertext), encodeBase64Url(cipher.getAuthTag())].join('.');
  }

  /** The plaintext of `sealed`, if it was sealed for exactly this `context` and is untouched. */
  open(sealed: string, context: string): string {
    checkContext(context);
    const { keyId, iv, ciphertext, tag } = parseSealed(sealed);
    const decipher = createDecipheriv(ALGORITHM, this.key(keyId), iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(additionalData(keyId, context));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      // GCM says only "unauthenticated"; which of tampering, another context or a different key
      // with the same id cannot be told apart, by design.
      throw new SecretOpenError(
        'authentication-failed',
        `it was altered, or sealed for another context than "${context}" (key id "${keyId}")`,
      );
    }
  }

  /** The id of the key `sealed` was sealed under. */
  keyIdOf(sealed: string): string {
    return parseSealed(sealed).keyId;
  }

  /** True when `sealed` is under an older key than the current one and should be resealed. */
  needsRotation(sealed: string): boolean {
    return this.keyIdOf(sealed) !== this.keyring.currentKeyId;
  }

  /** Opens `sealed` and seals it again under the current key (with a fresh IV). */
  reseal(sealed: string, context: string): string {
    return this.seal(this.open(sealed, context), context);
  }

  private key(keyId: string): Buffer {
    const key = keyMaterial(this.keyring, keyId);
    if (!key) {
      throw new SecretOpenError(
        'unknown-key',
        `key id "${keyId}" is not in ${this.keyring.source} (known: ${this.keyring.keyIds.join(', ')}); ` +
          'keep retired keys listed until every value is resealed',
      );
    }
    return key;
  }
}
