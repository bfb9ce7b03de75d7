import { createHash, randomBytes } from 'node:crypto';
import { decodeBase64UrlStrict, encodeBase64Url } from './base64url';

// Token: trs_<secret>, the refresh token of a login session. Like an API key's secret it is 32
// random bytes, so a plain SHA-256 is enough to store and nothing can be brute-forced; unlike an
// API key it has no public id: the session row is found by the hash itself (a unique index).
// The prefix lets secret scanners and our redaction recognise a leaked one.
const PREFIX = 'trs_';
const SECRET_BYTES = 32;

export interface GeneratedSessionToken {
  /** Given to the client once and never stored. */
  readonly token: string;
  /** SHA-256 (hex) of the token; what is stored and looked up. */
  readonly hash: string;
}

const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export function generateSessionToken(): GeneratedSessionToken {
  const token = PREFIX + encodeBase64Url(randomBytes(SECRET_BYTES));
  return { token, hash: hashOf(token) };
}

/** The stored hash a session token would have, or undefined when the text is not one (so no lookup is made). */
export function sessionTokenHash(token: unknown): string | undefined {
  if (typeof token !== 'string' || !token.startsWith(PREFIX)) return undefined;
  const bytes = decodeBase64UrlStrict(token.slice(PREFIX.length));
  return bytes?.length === SECRET_BYTES ? hashOf(token) : undefined;
}
