import { Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { Caller } from '../auth/caller.decorator';
import type { Principal } from '../auth/principal';
import type { HttpResponse } from '../common/http-types';
import { ValidBody, ValidParam } from '../common/validated';
import { ConnectionCatalog, type ConnectionView } from './connection-catalog';
import { ConnectionProbe, type CheckAnswer, type DiscoverAnswer } from './connection-probe';
import { CONNECTION_BODY, CONNECTION_NAME, type ConnectionBody } from './connection-request';

/**
 * A tenant's connections. Builders write them; whoever runs pipelines reads, checks and
 * discovers them. No answer ever holds the secret's value: connections carry its name only,
 * and check/discover open it in this process for the one call.
 */
@ApiTags('connections')
@Controller('tenants/:tenant/connections')
export class ConnectionsController {
  constructor(
    @Inject(ConnectionCatalog) private readonly catalog: ConnectionCatalog,
    @Inject(ConnectionProbe) private readonly probe: ConnectionProbe,
  ) {}

  @Get()
  @Access({ action: 'connection.check' })
  async list(@Param('tenant') tenant: string): Promise<{ items: ConnectionView[] }> {
    return { items: await this.catalog.list(tenant) };
  }

  @Get(':connection')
  @Access({ action: 'connection.check' })
  get(@Param('tenant') tenant: string, @ValidParam('connection', CONNECTION_NAME) name: string): Promise<ConnectionView> {
    return this.catalog.get(tenant, name);
  }

  /** Creates (201) or replaces (200) the connection; its last check is forgotten when it changes. */
  @Put(':connection')
  @Access({ action: 'connection.manage' })
  async write(
    @Caller() caller: Principal,
    @Param('tenant') tenant: string,
    @ValidParam('connection', CONNECTION_NAME) name: string,
    @ValidBody(CONNECTION_BODY) body: ConnectionBody,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<ConnectionView & { created: boolean }> {
    const written = await this.catalog.write(caller, tenant, name, body);
    response.status(written.created ? 201 : 200);
    return written;
  }

  @Delete(':connection')
  @HttpCode(204)
  @Access({ action: 'connection.manage' })
  async remove(@Caller() caller: Principal, @Param('tenant') tenant: string, @ValidParam('connection', CONNECTION_NAME) name: string): Promise<void> {
    await this.catalog.remove(caller, tenant, name);
  }

  /**
   * Can the connector reach and read the source with the stored secret? 200 either way:
   * `{ok: true}`, or `{ok: false, code, retriable, message}` with the connector's failure code.
   */
  @Post(':connection/check')
  @HttpCode(200)
  @Access({ action: 'connection.check' })
  check(@Param('tenant') tenant: string, @ValidParam('connection', CONNECTION_NAME) name: string): Promise<CheckAnswer> {
    return this.probe.check(tenant, name);
  }

  /** The streams the source offers with their Avro schemas; a failure is answered as check's is. */
  @Get(':connection/discover')
  @Access({ action: 'connection.check' })
  discover(@Param('tenant') tenant: string, @ValidParam('connection', CONNECTION_NAME) name: string): Promise<DiscoverAnswer> {
    return this.probe.discover(tenant, name);
  }
}
