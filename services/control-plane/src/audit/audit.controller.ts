import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Access } from '../auth/access.decorator';
import { ValidQuery } from '../common/validated';
import { AuditLog, type AuditView } from './audit-log';

const FILTER = z.strictObject({
  action: z.string().max(100).optional(),
  actor: z.string().max(320).optional(),
  target: z.string().max(300).optional(),
  since: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional(),
  until: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().regex(/^\d{1,19}$/, 'must be the nextCursor of a previous page').optional(),
});

const PLATFORM_FILTER = FILTER.extend({ tenant: z.string().max(63).optional() });

type Filter = z.output<typeof FILTER>;

type Page = { items: AuditView[]; nextCursor: string | null };

@ApiTags('audit')
@Controller()
export class AuditController {
  constructor(@Inject(AuditLog) private readonly audit: AuditLog) {}

  /** A tenant's changes, newest first; page with `cursor`. */
  @Get('tenants/:tenant/audit')
  @Access({ action: 'audit.read' })
  forTenant(@Param('tenant') tenant: string, @ValidQuery(FILTER) filter: Filter): Promise<Page> {
    return this.audit.query({ ...dates(filter), tenantId: tenant });
  }

  /** Every tenant's changes and the platform's own. */
  @Get('platform/audit')
  @Access('platform-admin')
  forPlatform(@ValidQuery(PLATFORM_FILTER) filter: z.output<typeof PLATFORM_FILTER>): Promise<Page> {
    return this.audit.query({ ...dates(filter), tenantId: filter.tenant });
  }
}

function dates(filter: Filter) {
  return { ...filter, since: filter.since ? new Date(filter.since) : undefined, until: filter.until ? new Date(filter.until) : undefined };
}
