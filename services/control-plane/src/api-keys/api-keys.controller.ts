import { Controller, Delete, Get, Inject, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Access } from '../auth/access.decorator';
import { Caller } from '../auth/caller.decorator';
import type { Principal } from '../auth/principal';
import { ROLE } from '../common/request-schemas';
import { ValidBody, ValidParam } from '../common/validated';
import { ApiKeyIssuer, type ApiKeyView } from './api-key-issuer';

const NEW_API_KEY = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(100),
  role: ROLE,
  /** Absent: the key lives until revoked. */
  expiresAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional(),
});

const KEY_ID = z.string().regex(/^[0-9a-f]{16}$/, 'must be an API key id (16 hex digits)');

@ApiTags('api-keys')
@Controller('tenants/:tenant/api-keys')
export class ApiKeysController {
  constructor(@Inject(ApiKeyIssuer) private readonly keys: ApiKeyIssuer) {}

  /** The answer's `token` is shown this once; store it now. */
  @Post()
  @Access({ action: 'apikey.manage' })
  create(
    @Caller() caller: Principal,
    @Param('tenant') tenant: string,
    @ValidBody(NEW_API_KEY) body: z.output<typeof NEW_API_KEY>,
  ): Promise<ApiKeyView & { token: string }> {
    return this.keys.create(caller, tenant, { ...body, expiresAt: body.expiresAt ? new Date(body.expiresAt) : undefined });
  }

  /** Metadata only: tokens are never stored, so never listed. */
  @Get()
  @Access({ action: 'apikey.manage' })
  async list(@Param('tenant') tenant: string): Promise<{ items: ApiKeyView[] }> {
    return { items: await this.keys.list(tenant) };
  }

  /** Revokes at once; the key's next request gets 401. */
  @Delete(':keyId')
  @Access({ action: 'apikey.manage' })
  revoke(@Caller() caller: Principal, @Param('tenant') tenant: string, @ValidParam('keyId', KEY_ID) keyId: string): Promise<ApiKeyView> {
    return this.keys.revoke(caller, tenant, keyId);
  }
}
