import { Controller, Get, Inject, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Access } from '../auth/access.decorator';
import { Caller } from '../auth/caller.decorator';
import type { Principal } from '../auth/principal';
import { DISPLAY_NAME, EMAIL, PASSWORD, TENANT_ID } from '../common/request-schemas';
import { ValidBody } from '../common/validated';
import type { UserView } from '../users/user-directory';
import { TenantDirectory, type TenantView } from './tenant-directory';

const NEW_TENANT = z.strictObject({
  id: TENANT_ID,
  displayName: DISPLAY_NAME,
  admin: z.strictObject({ email: EMAIL, password: PASSWORD }),
});

const TENANT_CHANGE = z.strictObject({ displayName: DISPLAY_NAME });

@ApiTags('tenants')
@Controller('tenants')
export class TenantsController {
  constructor(@Inject(TenantDirectory) private readonly tenants: TenantDirectory) {}

  /** A new tenant with its first admin user (who then logs in and manages the rest). */
  @Post()
  @Access('platform-admin')
  create(@Caller() caller: Principal, @ValidBody(NEW_TENANT) body: z.output<typeof NEW_TENANT>): Promise<{ tenant: TenantView; admin: UserView }> {
    return this.tenants.create(caller, body);
  }

  /** Platform admins: every tenant. Everyone else: their own. */
  @Get()
  @Access('authenticated')
  async list(@Caller() caller: Principal): Promise<{ items: TenantView[] }> {
    return { items: await this.tenants.list(caller) };
  }

  @Get(':tenant')
  @Access({ action: 'tenant.read' })
  get(@Param('tenant') tenant: string): Promise<TenantView> {
    return this.tenants.get(tenant);
  }

  @Patch(':tenant')
  @Access({ action: 'tenant.manage' })
  update(@Caller() caller: Principal, @Param('tenant') tenant: string, @ValidBody(TENANT_CHANGE) body: z.output<typeof TENANT_CHANGE>): Promise<TenantView> {
    return this.tenants.update(caller, tenant, body);
  }
}
