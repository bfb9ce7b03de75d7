import type { DataSource } from 'typeorm';
import { ApiKeyEntity, UserEntity } from '@tributary/persistence';
import { apiKeyMatches, AuthError, isRole, parseApiKeyToken, verifyAccessToken } from '@tributary/security';
import { ApiError } from '../common/api-error';
import type { Principal } from './principal';

export interface CredentialHeaders {
  readonly authorization?: string;
  readonly 'x-api-key'?: string;
}

/** last_used_at is a hint for admins cleaning up keys, not a log: refresh it at most this often. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Turns a request's credential into a Principal or throws 401. Accepted: `Authorization:
 * Bearer <jwt>` (a user's access token), and an API key as `X-API-Key: trb_...` or
 * `Authorization: Bearer trb_...`. Roles are read from the database on every request, so a
 * demoted or deleted user loses access at once rather than when the token expires.
 */
export class CredentialVerifier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jwtSecret: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async verify(headers: CredentialHeaders): Promise<Principal> {
    const bearer = bearerToken(headers.authorization);
    const apiKey = headers['x-api-key'];
    if (apiKey !== undefined && bearer !== undefined) {
      throw new ApiError('unauthenticated', 'send one credential: either Authorization or X-API-Key');
    }
    if (apiKey !== undefined) return this.apiKey(apiKey);
    if (bearer === undefined) throw new ApiError('unauthenticated', 'credentials required: Authorization: Bearer <token> or X-API-Key');
    return bearer.startsWith('trb_') ? this.apiKey(bearer) : this.user(bearer);
  }

  private async user(token: string): Promise<Principal> {
    let userId: string;
    try {
      userId = (await verifyAccessToken(token, { secret: this.jwtSecret, now: this.now() })).userId;
    } catch (err) {
      if (!(err instanceof AuthError)) throw err;
      throw new ApiError('unauthenticated', err.reason === 'expired' ? 'the access token has expired; log in again' : 'the access token is not valid');
    }
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user || !isRole(user.role)) throw new ApiError('unauthenticated', 'the access token is not valid');
    return { kind: 'user', id: user.id, label: user.email, tenantId: user.tenantId, role: user.role, platformAdmin: user.platformAdmin };
  }

  private async apiKey(token: string): Promise<Principal> {
    let keyId: string;
    try {
      keyId = parseApiKeyToken(token).keyId;
    } catch {
      throw new ApiError('unauthenticated', 'the API key is not valid');
    }
    const keys = this.dataSource.getRepository(ApiKeyEntity);
    const key = await keys.findOneBy({ keyId });
    if (!key || !apiKeyMatches(token, key.hash) || !isRole(key.role)) throw new ApiError('unauthenticated', 'the API key is not valid');
    const now = this.now();
    if (key.revokedAt) throw new ApiError('unauthenticated', 'the API key has been revoked');
    if (key.expiresAt && key.expiresAt <= now) throw new ApiError('unauthenticated', 'the API key has expired');
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await keys.update({ id: key.id }, { lastUsedAt: now });
    }
    return { kind: 'api_key', id: key.keyId, label: key.name, tenantId: key.tenantId, role: key.role, platformAdmin: false };
  }
}

function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new ApiError('unauthenticated', 'the Authorization header must be "Bearer <token>"');
  return match[1];
}
