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

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(@Inject(PasswordLogin) private readonly passwords: PasswordLogin) {}

  /** Email and password for a short-lived access token: send it as `Authorization: Bearer <token>`. */
  @Post('login')
  @HttpCode(200)
  @Access('public')
  login(@ValidBody(LOGIN) body: z.output<typeof LOGIN>): Promise<LoginAnswer> {
    return this.passwords.login(body.email, body.password);
  }

  /** Who the credential belongs to, and what it may do where. */
  @Get('whoami')
  @Access('authenticated')
  whoami(@Caller() caller: Principal): Principal {
    return caller;
  }
}
