import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SOURCE_CONNECTORS } from '@tributary/connector-registry';
import { connectorSpec, type ConnectorSpec } from '@tributary/connectors';
import { Access } from '../auth/access.decorator';

/** Computed once: the registry is a literal list, fixed for the life of the process. */
const SPECS = SOURCE_CONNECTORS.map(connectorSpec);

/**
 * The source connectors a connection or a pipeline can name, with the JSON Schemas of their
 * config and of the secret they connect with (what the console's forms are made from).
 */
@ApiTags('connections')
@Controller('connectors')
export class ConnectorsController {
  @Get()
  @Access('authenticated')
  list(): { items: readonly ConnectorSpec[] } {
    return { items: SPECS };
  }
}
