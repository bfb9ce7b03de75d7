import type { IncomingHttpHeaders } from 'node:http';
import type { DataSource } from 'typeorm';
import { ApiKeyEntity, UserEntity } from '@tributary/persistence';
import { apiKeyMatches, AuthError, isRole, parseApiKeyToken, verifyAccessToken, type Role } from '@tributary/security';

/** Who is connected: established from an API key or a user's access token. */
export interface Caller {
  readonly kind: 'user' | 'api_key';
  readonly id: string;
  readonly tenantId: string;
  readonly role: Role;
  /** Users only: may read any tenant's results. API keys are confined to their tenant. */
  readonly platformAdmin: boolean;
}

/** A credential that does not authenticate; the message is safe to send to the client. */
export class CredentialError extends Error {
  override readonly name = 'CredentialError';
}

/**
 * Checks a credential the way the control plane does (services/control-plane/src/auth/
 * credential-verifier.ts; the two should become one in libs/security): an API key
 * `trb_<keyId>_<secret>` against its SHA-256 in the database (not revoked, not expired), or an
 * HS256 access token signed with TRIBUTARY_JWT_SECRET whose user still exists, with the role
 * read from the database at connect, so a deleted user cannot connect with a token still valid.
 */
export class CredentialVerifier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jwtSecret: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  verify(token: string): Promise<Caller> {
    return token.startsWith('trb_') ? this.apiKey(token) : this.user(token);
  }

  private async user(token: string): Promise<Caller> {
    let userId: string;
    try {
      userId = (await verifyAccessToken(token, { secret: this.jwtSecret, now: this.now() })).userId;
    } catch (err) {
      if (!(err instanceof AuthError)) throw err;
      throw new CredentialError(err.reason === 'expired' ? 'the access token has expired; log in again' : 'the access token is not valid');
    }
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user || !isRole(user.role)) throw new CredentialError('the access token is not valid');
    return { kind: 'user', id: user.id, tenantId: user.tenantId, role: user.role, platformAdmin: user.platformAdmin };
  }

  private async apiKey(token: string): Promise<Caller> {
    let keyId: string;
    try {
      keyId = parseApiKeyToken(token).keyId;
    } catch {
      throw new CredentialError('the API key is not valid');
    }
    const key = await this.dataSource.getRepository(ApiKeyEntity).findOneBy({ keyId });
    if (!key || !apiKeyMatches(token, key.hash) || !isRole(key.role)) throw new CredentialError('the API key is not valid');
    if (key.revokedAt) throw new CredentialError('the API key has been revoked');
    if (key.expiresAt && key.expiresAt <= this.now()) throw new CredentialError('the API key has expired');
    return { kind: 'api_key', id: key.keyId, tenantId: key.tenantId, role: key.role, platformAdmin: false };
  }
}

/**
 * The credential of an upgrade request: `Authorization: Bearer <jwt or API key>` or
 * `X-API-Key: trb_...` (not both). Undefined when there is none: the client may then send an
 * `auth` frame first (browsers cannot set headers on a WebSocket).
 */
export function credentialOf(headers: IncomingHttpHeaders): string | undefined {
  const authorization = headers.authorization;
  const apiKey = Array.isArray(headers['x-api-key']) ? headers['x-api-key'].join(',') : headers['x-api-key'];
  if (authorization !== undefined && apiKey !== undefined) throw new CredentialError('send one credential: either Authorization or X-API-Key');
  if (apiKey !== undefined) return apiKey;
  if (authorization === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw new CredentialError('the Authorization header must be "Bearer <token>"');
  return match[1];
}
