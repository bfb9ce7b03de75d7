import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ValidBody } from '../common/validated';
import { Access } from './access.decorator';
import { Caller } from './caller.decorator';
import { PasswordLogin, type LoginAnswer } from './password-login';
import type { Principal } from './principal';

const LOGIN = z.strictObject({
  email: z.string().min(1, 'must not be empty').max(254),
  password: z.string().min(1, 'must not be empty').max(1024),
});

const SESSION = z.strictObject({ refreshToken: z.string().min(1, 'must not be empty').max(200) });

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(@Inject(PasswordLogin) private readonly passwords: PasswordLogin) {}

  /**
   * Email and password for a short-lived access token (send it as `Authorization: Bearer
   * <token>`) and the refresh token of a login session, which trades for new access tokens.
   */
  @Post('login')
  @HttpCode(200)
  @Access('public')
  login(@ValidBody(LOGIN) body: z.output<typeof LOGIN>): Promise<LoginAnswer> {
    return this.passwords.login(body.email, body.password);
  }

  /** A login session's refresh token for a new access token; 401 once the session has ended or expired. */
  @Post('refresh')
  @HttpCode(200)
  @Access('public')
  refresh(@ValidBody(SESSION) body: z.output<typeof SESSION>): Promise<LoginAnswer> {
    return this.passwords.refresh(body.refreshToken);
  }

  /** Ends the login session of a refresh token: it trades for nothing more. 204 whether or not it was live. */
  @Post('logout')
  @HttpCode(204)
  @Access('public')
  logout(@ValidBody(SESSION) body: z.output<typeof SESSION>): Promise<void> {
    return this.passwords.logout(body.refreshToken);
  }

  /** Who the credential belongs to, and what it may do where. */
  @Get('whoami')
  @Access('authenticated')
  whoami(@Caller() caller: Principal): Principal {
    return caller;
  }
}
