import { jwtVerify, SignJWT, errors, type JWTPayload } from 'jose';
import { isRole, type Role } from './roles';

// Access tokens are HS256 JWTs: the control plane both issues and checks them, so one shared
// secret suffices. Short-lived (15 minutes by default) because they are not revocable; API
// keys are the long-lived, revocable credential.

export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 900;
const MAX_TTL_SECONDS = 24 * 60 * 60;
const DEFAULT_ISSUER = 'tributary';
/** RFC 7518 section 3.2: an HS256 key must be at least as long as the hash output. */
const MIN_SECRET_BYTES = 32;
const ALGORITHM = 'HS256';

export interface AccessTokenSubject {
  readonly userId: string;
  readonly tenantId: string;
  readonly role: Role;
  /** May act in any tenant; a flag on the user, not a role. */
  readonly platformAdmin: boolean;
}

export interface AccessClaims extends AccessTokenSubject {
  readonly issuedAt: Date;
  readonly expiresAt: Date;
}

export interface AccessTokenOptions {
  readonly secret: Uint8Array | string;
  readonly ttlSeconds?: number;
  readonly issuer?: string;
  /** The clock, for tests and for issuing/verifying against a fixed instant. */
  readonly now?: Date;
}

export type AuthFailure = 'malformed' | 'bad-signature' | 'expired' | 'invalid-claims';

/** A token that does not authenticate. The reason is for logs and metrics; answer 401 for all. */
export class AuthError extends Error {
  override readonly name = 'AuthError';

  constructor(
    readonly reason: AuthFailure,
    detail: string,
  ) {
    super(`access token rejected: ${detail}`);
  }
}

function secretKey(secret: Uint8Array | string): Uint8Array {
  const key = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  if (!(key instanceof Uint8Array) || key.byteLength < MIN_SECRET_BYTES) {
    throw new TypeError(`the access-token secret must be at least ${MIN_SECRET_BYTES} bytes`);
  }
  return key;
}

function nonEmpty(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw new TypeError(`access-token ${name} must be a non-empty string`);
  return value;
}

/** Signs a short-lived access token for `subject`. */
export async function issueAccessToken(subject: AccessTokenSubject, options: AccessTokenOptions): Promise<string> {
  const ttl = options.ttlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl <= 0 || ttl > MAX_TTL_SECONDS) {
    throw new TypeError(`ttlSeconds must be a whole number of seconds from 1 to ${MAX_TTL_SECONDS}, got ${ttl}`);
  }
  if (!isRole(subject.role)) throw new TypeError(`access-token role must be one of the roles, got ${String(subject.role)}`);
  if (typeof subject.platformAdmin !== 'boolean') throw new TypeError('access-token platformAdmin must be a boolean');
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT({ tenant: nonEmpty(subject.tenantId, 'tenantId'), role: subject.role, platformAdmin: subject.platformAdmin })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(nonEmpty(subject.userId, 'userId'))
    .setIssuer(options.issuer ?? DEFAULT_ISSUER)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttl)
    .sign(secretKey(options.secret));
}

function failureOf(error: unknown): AuthError {
  if (error instanceof errors.JWTExpired) return new AuthError('expired', 'it has expired');
  if (error instanceof errors.JWSSignatureVerificationFailed) return new AuthError('bad-signature', 'its signature does not verify');
  if (error instanceof errors.JWTClaimValidationFailed) {
    return new AuthError('invalid-claims', `claim "${error.claim}" failed validation (${error.reason})`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return new AuthError('malformed', `only ${ALGORITHM} is accepted`);
  if (error instanceof errors.JOSEError) return new AuthError('malformed', 'it is not a well-formed JWT');
  throw error;
}

function claimsOf(payload: JWTPayload): AccessClaims {
  const { sub, tenant, role, platformAdmin, iat, exp } = payload;
  if (typeof sub !== 'string' || sub === '') throw new AuthError('invalid-claims', 'claim "sub" is missing');
  if (typeof tenant !== 'string' || tenant === '') throw new AuthError('invalid-claims', 'claim "tenant" is missing');
  if (!isRole(role)) throw new AuthError('invalid-claims', 'claim "role" is not a known role');
  if (typeof platformAdmin !== 'boolean') throw new AuthError('invalid-claims', 'claim "platformAdmin" is not a boolean');
  if (typeof iat !== 'number' || typeof exp !== 'number') throw new AuthError('invalid-claims', 'claims "iat" and "exp" are required');
  return { userId: sub, tenantId: tenant, role, platformAdmin, issuedAt: new Date(iat * 1000), expiresAt: new Date(exp * 1000) };
}

/** The claims of `token` if it is ours, intact and unexpired; otherwise throws AuthError. */
export async function verifyAccessToken(token: string, options: AccessTokenOptions): Promise<AccessClaims> {
  const key = secretKey(options.secret);
  if (typeof token !== 'string' || token === '') throw new AuthError('malformed', 'it is empty');
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [ALGORITHM],
      issuer: options.issuer ?? DEFAULT_ISSUER,
      requiredClaims: ['sub', 'iat', 'exp'],
      currentDate: options.now,
    });
    return claimsOf(payload);
  } catch (error) {
    if (error instanceof AuthError) throw error;
    throw failureOf(error);
  }
}
