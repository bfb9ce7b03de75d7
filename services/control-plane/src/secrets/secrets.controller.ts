import { Controller, Delete, Get, HttpCode, Inject, Param, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Access } from '../auth/access.decorator';
import { Caller } from '../auth/caller.decorator';
import type { Principal } from '../auth/principal';
import { ValidBody, ValidParam } from '../common/validated';
import { SECRET_NAME } from './secret-name';
import { SecretStore, type SecretView } from './secret-store';

const SECRET_VALUE = z.strictObject({
  /** A string, or an object of fields (host, user, password, ...) stored as its JSON text. */
  value: z.union([
    z.string().min(1, 'must not be empty').max(65_536),
    z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  ]),
});

@ApiTags('secrets')
@Controller('tenants/:tenant/secrets')
export class SecretsController {
  constructor(@Inject(SecretStore) private readonly secrets: SecretStore) {}

  /** Names and metadata; values are write-only. */
  @Get()
  @Access({ action: 'secret.list' })
  async list(@Param('tenant') tenant: string): Promise<{ items: SecretView[] }> {
    return { items: await this.secrets.list(tenant) };
  }

  /** Creates or replaces the value. The answer never contains it. */
  @Put(':name')
  @Access({ action: 'secret.write' })
  write(
    @Caller() caller: Principal,
    @Param('tenant') tenant: string,
    @ValidParam('name', SECRET_NAME) name: string,
    @ValidBody(SECRET_VALUE) body: z.output<typeof SECRET_VALUE>,
  ): Promise<SecretView & { created: boolean }> {
    const value = typeof body.value === 'string' ? body.value : JSON.stringify(body.value);
    return this.secrets.write(caller, tenant, name, value);
  }

  @Delete(':name')
  @HttpCode(204)
  @Access({ action: 'secret.write' })
  async remove(@Caller() caller: Principal, @Param('tenant') tenant: string, @ValidParam('name', SECRET_NAME) name: string): Promise<void> {
    await this.secrets.remove(caller, tenant, name);
  }
}
