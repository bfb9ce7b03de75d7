import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Database } from '@tributary/persistence';
import { DATABASE } from '../app/tokens';
import { Access } from '../auth/access.decorator';
import { ApiError } from '../common/api-error';

/** A database that has not answered within this long counts as down for readiness. */
const READY_TIMEOUT_MS = 2_000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  @Access('public')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** The process can do its work: the database answers. */
  @Get('ready')
  @Access('public')
  async ready(): Promise<{ status: 'ok'; checks: { database: 'up' } }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), READY_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.database.ping(), timeout]);
    } catch {
      throw new ApiError('unavailable', 'the database does not answer');
    } finally {
      clearTimeout(timer);
    }
    return { status: 'ok', checks: { database: 'up' } };
  }
}
