import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { decodeBase64UrlStrict, encodeBase64Url } from './base64url';

// Token: trb_<keyId>_<secret>. The prefix lets secret scanners (GitHub's, gitleaks) and our
// own redaction recognise a leaked key; the key id finds the row without a hash lookup; the
// secret is 32 random bytes, so a plain SHA-256 (not a slow password hash) is enough to
// store: there is nothing to brute-force. The key id is hex so it holds no "_"; the secret is
// base64url and may.
const PREFIX = 'trb';
const KEY_ID_BYTES = 8;
const SECRET_BYTES = 32;
const KEY_ID = new RegExp(`^[0-9a-f]{${KEY_ID_BYTES * 2}}$`);
const STORED_HASH = /^[0-9a-f]{64}$/;

/** A token shaped like an API key but not one. Never carries the token text. */
export class ApiKeyFormatError extends Error {
  override readonly name = 'ApiKeyFormatError';

  constructor(detail: string) {
    super(`not a Tributary API key: ${detail}`);
  }
}

export interface GeneratedApiKey {
  /** Public: store it, show it, log it. */
  readonly keyId: string;
  /** Shown to the user once and never stored. */
  readonly token: string;
  /** SHA-256 (hex) of the secret part; what is stored. */
  readonly hash: string;
}

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function generateApiKey(): GeneratedApiKey {
  const keyId = randomBytes(KEY_ID_BYTES).toString('hex');
  const secret = encodeBase64Url(randomBytes(SECRET_BYTES));
  return { keyId, token: `${PREFIX}_${keyId}_${secret}`, hash: hashSecret(secret) };
}

export function parseApiKeyToken(token: string): { keyId: string; secret: string } {
  if (typeof token !== 'string') throw new ApiKeyFormatError(`expected a string, got ${typeof token}`);
  const first = token.indexOf('_');
  const second = token.indexOf('_', first + 1);
  if (first < 0 || second < 0 || token.slice(0, first) !== PREFIX) {
    throw new ApiKeyFormatError(`expected "${PREFIX}_<keyId>_<secret>"`);
  }
  const keyId = token.slice(first + 1, second);
  const secret = token.slice(second + 1);
  if (!KEY_ID.test(keyId)) throw new ApiKeyFormatError(`the key id is not ${KEY_ID_BYTES * 2} lowercase hex digits`);
  const bytes = decodeBase64UrlStrict(secret);
  if (!bytes || bytes.length !== SECRET_BYTES) throw new ApiKeyFormatError(`the secret is not ${SECRET_BYTES} bytes of base64url`);
  return { keyId, secret };
}

/**
 * Whether `token` is the key whose stored hash is `storedHash`, compared in constant time.
 * A malformed token is simply false; a malformed stored hash is a data fault and throws.
 */
export function apiKeyMatches(token: string, storedHash: string): boolean {
  if (typeof storedHash !== 'string' || !STORED_HASH.test(storedHash)) {
    throw new TypeError('stored API key hash must be 64 lowercase hex digits (SHA-256)');
  }
  let secret: string;
  try {
    secret = parseApiKeyToken(token).secret;
  } catch {
    return false;
  }
  return timingSafeEqual(Buffer.from(hashSecret(secret), 'hex'), Buffer.from(storedHash, 'hex'));
}
