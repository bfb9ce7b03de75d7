import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// Stored form, self-describing so parameters can rise later without breaking old hashes:
//   $scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<hash>        (salt, hash: unpadded base64)
// the PHC string format (github.com/P-H-C/phc-string-format). N=2^15, r=8, p=1 is OWASP's
// scrypt recommendation (Password Storage Cheat Sheet): 32 MiB and roughly 50-100 ms a hash.

export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  readonly ln: number;
  readonly r: number;
  readonly p: number;
}

export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { ln: 15, r: 8, p: 1 };
/** UTF-8 bytes. Longer input only costs hashing time; no one types more. */
export const PASSWORD_MAX_BYTES = 1024;
const SALT_BYTES = 16;
const HASH_BYTES = 32;
// Bounds on parameters read back from storage, so an altered row cannot make a login
// allocate gigabytes or spin for minutes.
const LIMITS = { ln: [10, 20], r: [1, 32], p: [1, 16] } as const;
const STORED = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{22})\$([A-Za-z0-9+/]{43})$/;

/** A password that may not be hashed (empty, too long, not a string). */
export class PasswordPolicyError extends Error {
  override readonly name = 'PasswordPolicyError';
}

/** A stored hash this library did not write, or one altered since. */
export class PasswordHashFormatError extends Error {
  override readonly name = 'PasswordHashFormatError';
}

function checkPassword(password: string): void {
  if (typeof password !== 'string') throw new PasswordPolicyError(`a password must be a string, got ${typeof password}`);
  if (password === '') throw new PasswordPolicyError('a password may not be empty');
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) {
    throw new PasswordPolicyError(`a password may be at most ${PASSWORD_MAX_BYTES} bytes (UTF-8)`);
  }
}

function checkParams(params: ScryptParams): void {
  for (const name of ['ln', 'r', 'p'] as const) {
    const [min, max] = LIMITS[name];
    const value = params[name];
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new PasswordHashFormatError(`scrypt parameter ${name}=${value} is outside ${min}..${max}`);
    }
  }
}

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.ln;
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, HASH_BYTES, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

const unpadded = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');

/** Hashes `password` with scrypt and a fresh 16-byte salt; throws PasswordPolicyError on bad input. */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Promise<string> {
  checkPassword(password);
  checkParams(params);
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, params);
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${unpadded(salt)}$${unpadded(hash)}`;
}

function parseStored(stored: string): { params: ScryptParams; salt: Buffer; hash: Buffer } {
  const match = typeof stored === 'string' ? STORED.exec(stored) : null;
  if (!match) throw new PasswordHashFormatError('stored password hash is not "$scrypt$ln=..,r=..,p=..$<salt>$<hash>"');
  const params = { ln: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  checkParams(params);
  return { params, salt: Buffer.from(match[4], 'base64'), hash: Buffer.from(match[5], 'base64') };
}

/**
 * True when `password` matches `stored`, compared in constant time. A password that could never
 * have been hashed (empty, too long, not a string) is simply false; a `stored` value this
 * library did not write throws PasswordHashFormatError (a data fault, not a wrong password).
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const { params, salt, hash } = parseStored(stored);
  try {
    checkPassword(password);
  } catch {
    return false;
  }
  return timingSafeEqual(await derive(password, salt, params), hash);
}

/** True when `stored` was hashed with weaker parameters than today's; rehash at the next login. */
export function passwordNeedsRehash(stored: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): boolean {
  const current = parseStored(stored).params;
  return current.ln < params.ln || current.r < params.r || current.p < params.p;
}
