import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { CONFIG } from '../app/tokens';
import type { ControlPlaneConfig } from '../config/control-plane-config';
import { TenantsModule } from '../tenants/tenants.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { CredentialVerifier } from './credential-verifier';
import { PasswordLogin } from './password-login';

/** Login, and the global guard that authenticates and authorizes every route. */
@Module({
  imports: [TenantsModule],
  controllers: [AuthController],
  providers: [
    { provide: CredentialVerifier, useFactory: (ds: DataSource, c: ControlPlaneConfig) => new CredentialVerifier(ds, c.jwtSecret), inject: [DataSource, CONFIG] },
    {
      provide: PasswordLogin,
      useFactory: (ds: DataSource, c: ControlPlaneConfig) => new PasswordLogin(ds, { secret: c.jwtSecret, ttlSeconds: c.accessTokenTtlSeconds }, c.sessionTtlSeconds),
      inject: [DataSource, CONFIG],
    },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
})
export class AuthModule {}
