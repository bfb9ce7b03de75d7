import { IsNull, MoreThan, type DataSource } from 'typeorm';
import { LoginSessionEntity, UserEntity } from '@tributary/persistence';
import { generateSessionToken, hashPassword, isRole, issueAccessToken, sessionTokenHash, verifyPassword, type Role } from '@tributary/security';
import { ApiError } from '../common/api-error';

export interface LoginAnswer {
  readonly accessToken: string;
  readonly tokenType: 'Bearer';
  readonly expiresIn: number;
  /** Trades for a new access token at POST /auth/refresh until the session ends; only a login gives one. */
  readonly refreshToken?: string;
  /** Seconds until the session ends (it is not extended by refreshing). */
  readonly refreshExpiresIn?: number;
  readonly user: { id: string; email: string; tenant: string; role: string; platformAdmin: boolean };
}

/**
 * Email and password in, a short-lived access token out, with the refresh token of a login
 * session: a client (the CLI) trades it for new access tokens for as long as the session lasts,
 * instead of asking for the password every 15 minutes. Each refresh reads the user again, so a
 * role change applies at the next one and a deleted user's sessions are gone. A password change
 * or a logout ends a session. Refresh tokens are not rotated: two processes of one login (a
 * `tail` and a `run`) refresh side by side, and a stolen one is no worse than a stolen API key
 * in the same file.
 */
export class PasswordLogin {
  /** Compared against when the email is unknown, so both failures take the same time. */
  private readonly decoy: Promise<string> = hashPassword('decoy password, never matches');

  constructor(
    private readonly dataSource: DataSource,
    private readonly token: { secret: string; ttlSeconds: number },
    private readonly sessionTtlSeconds: number,
  ) {}

  async login(email: string, password: string): Promise<LoginAnswer> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ email: email.toLowerCase() });
    const matches = await verifyPassword(password, user?.passwordHash ?? (await this.decoy));
    // One message for both: which emails exist is not the caller's business.
    if (!user || !matches || !isRole(user.role)) throw new ApiError('unauthenticated', 'wrong email or password');
    const session = generateSessionToken();
    await this.dataSource.getRepository(LoginSessionEntity).insert({
      userId: user.id,
      tokenHash: session.hash,
      expiresAt: new Date(Date.now() + this.sessionTtlSeconds * 1000),
    });
    return { ...(await this.answer(user, user.role)), refreshToken: session.token, refreshExpiresIn: this.sessionTtlSeconds };
  }

  /** A new access token for a live session's refresh token; 401 for any other text. */
  async refresh(refreshToken: string): Promise<LoginAnswer> {
    const hash = sessionTokenHash(refreshToken);
    const sessions = this.dataSource.getRepository(LoginSessionEntity);
    const session = hash === undefined ? null : await sessions.findOneBy({ tokenHash: hash, endedAt: IsNull(), expiresAt: MoreThan(new Date()) });
    const user = session && (await this.dataSource.getRepository(UserEntity).findOneBy({ id: session.userId }));
    if (!session || !user || !isRole(user.role)) throw new ApiError('unauthenticated', 'the session has ended or expired; log in again');
    await sessions.update({ id: session.id }, { lastUsedAt: new Date() });
    return { ...(await this.answer(user, user.role)), refreshExpiresIn: Math.max(0, Math.floor((session.expiresAt.getTime() - Date.now()) / 1000)) };
  }

  /** Ends the session of this refresh token, if it is one; the same answer either way. */
  async logout(refreshToken: string): Promise<void> {
    const hash = sessionTokenHash(refreshToken);
    if (hash !== undefined) await this.dataSource.getRepository(LoginSessionEntity).update({ tokenHash: hash, endedAt: IsNull() }, { endedAt: new Date() });
  }

  private async answer(user: UserEntity, role: Role): Promise<LoginAnswer> {
    const accessToken = await issueAccessToken({ userId: user.id, tenantId: user.tenantId, role, platformAdmin: user.platformAdmin }, this.token);
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.token.ttlSeconds,
      user: { id: user.id, email: user.email, tenant: user.tenantId, role: user.role, platformAdmin: user.platformAdmin },
    };
  }
}
