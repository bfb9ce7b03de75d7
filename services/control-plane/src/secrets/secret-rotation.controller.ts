import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { Caller } from '../auth/caller.decorator';
import type { Principal } from '../auth/principal';
import { SecretStore, type RotationReport } from './secret-store';

@ApiTags('secrets')
@Controller('platform/secrets')
export class SecretRotationController {
  constructor(@Inject(SecretStore) private readonly secrets: SecretStore) {}

  /**
   * After a new key is put first in TRIBUTARY_MASTER_KEYS: reseal every value under it. When
   * `failed` is empty the old key can be dropped from the list.
   */
  @Post('rotate')
  @HttpCode(200)
  @Access('platform-admin')
  rotate(@Caller() caller: Principal): Promise<RotationReport> {
    return this.secrets.rotateAll(caller);
  }
}
