import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

/** The same health routes as every Tributary service; the sandbox has nothing to depend on. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  ready(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
