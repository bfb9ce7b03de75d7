import type { DataSource } from 'typeorm';
import { UserEntity } from '@tributary/persistence';
import { hashPassword, isRole, issueAccessToken, verifyPassword } from '@tributary/security';
import { ApiError } from '../common/api-error';

export interface LoginAnswer {
  readonly accessToken: string;
  readonly tokenType: 'Bearer';
  readonly expiresIn: number;
  readonly user: { id: string; email: string; tenant: string; role: string; platformAdmin: boolean };
}

/** Email and password in, a short-lived access token out. */
export class PasswordLogin {
  /** Compared against when the email is unknown, so both failures take the same time. */
  private readonly decoy: Promise<string> = hashPassword('decoy password, never matches');

  constructor(
    private readonly dataSource: DataSource,
    private readonly token: { secret: string; ttlSeconds: number },
  ) {}

  async login(email: string, password: string): Promise<LoginAnswer> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ email: email.toLowerCase() });
    const matches = await verifyPassword(password, user?.passwordHash ?? (await this.decoy));
    // One message for both: which emails exist is not the caller's business.
    if (!user || !matches || !isRole(user.role)) throw new ApiError('unauthenticated', 'wrong email or password');
    const accessToken = await issueAccessToken(
      { userId: user.id, tenantId: user.tenantId, role: user.role, platformAdmin: user.platformAdmin },
      this.token,
    );
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.token.ttlSeconds,
      user: { id: user.id, email: user.email, tenant: user.tenantId, role: user.role, platformAdmin: user.platformAdmin },
    };
  }
}
