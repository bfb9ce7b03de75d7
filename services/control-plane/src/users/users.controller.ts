import { Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Access } from '../auth/access.decorator';
import { Caller } from '../auth/caller.decorator';
import type { Principal } from '../auth/principal';
import { EMAIL, PASSWORD, ROLE } from '../common/request-schemas';
import { ValidBody, ValidParam } from '../common/validated';
import { UserDirectory, type UserView } from './user-directory';

const NEW_USER = z.strictObject({
  email: EMAIL,
  password: PASSWORD,
  role: ROLE,
  /** Only in the platform tenant, only by a platform admin (the route already demands one there). */
  platformAdmin: z.boolean().optional(),
});

const USER_CHANGE = z
  .strictObject({ role: ROLE.optional(), password: PASSWORD.optional() })
  .refine((c) => c.role !== undefined || c.password !== undefined, 'give a role, a password, or both');

const USER_ID = z.uuid('must be a user id (UUID)');

@ApiTags('users')
@Controller('tenants/:tenant/users')
export class UsersController {
  constructor(@Inject(UserDirectory) private readonly users: UserDirectory) {}

  @Get()
  @Access({ action: 'user.manage' })
  async list(@Param('tenant') tenant: string): Promise<{ items: UserView[] }> {
    return { items: await this.users.list(tenant) };
  }

  @Post()
  @Access({ action: 'user.manage' })
  create(@Caller() caller: Principal, @Param('tenant') tenant: string, @ValidBody(NEW_USER) body: z.output<typeof NEW_USER>): Promise<UserView> {
    return this.users.create(caller, tenant, body);
  }

  @Patch(':userId')
  @Access({ action: 'user.manage' })
  update(
    @Caller() caller: Principal,
    @Param('tenant') tenant: string,
    @ValidParam('userId', USER_ID) userId: string,
    @ValidBody(USER_CHANGE) body: z.output<typeof USER_CHANGE>,
  ): Promise<UserView> {
    return this.users.update(caller, tenant, userId, body);
  }

  @Delete(':userId')
  @HttpCode(204)
  @Access({ action: 'user.manage' })
  async remove(@Caller() caller: Principal, @Param('tenant') tenant: string, @ValidParam('userId', USER_ID) userId: string): Promise<void> {
    await this.users.remove(caller, tenant, userId);
  }
}
