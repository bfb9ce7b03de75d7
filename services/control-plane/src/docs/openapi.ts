import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/**
 * The OpenAPI document, generated from the controllers and their zod schemas (see
 * common/validated.ts), served as JSON at /docs/openapi.json with Swagger UI at /docs.
 */
export function serveOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Tributary control plane')
      .setDescription(
        'Tenants, users, API keys, secrets and the audit log. Authenticate with `Authorization: Bearer <access token>` ' +
          '(from POST /auth/login) or an API key (`X-API-Key: trb_...`). Every tenant route is under /tenants/{tenant}.',
      )
      .setVersion('1')
      .addBearerAuth()
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json', yamlDocumentUrl: 'docs/openapi.yaml' });
}
