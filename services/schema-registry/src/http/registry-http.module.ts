import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import type { SchemaRegistry } from '../schema-registry';
import { CompatibilityController } from './compatibility.controller';
import { ConfigController } from './config.controller';
import { ConfluentErrorFilter } from './confluent-error.filter';
import { ConfluentJsonInterceptor } from './confluent-json.interceptor';
import { ConfluentRequestMiddleware } from './confluent-request.middleware';
import { HealthController } from './health.controller';
import { HTTP_OPTIONS, SCHEMA_REGISTRY, type RegistryHttpOptions } from './http-options';
import { ModeController } from './mode.controller';
import { SchemasController } from './schemas.controller';
import { SubjectsController } from './subjects.controller';

const CONTROLLERS = [SubjectsController, SchemasController, ConfigController, ModeController, CompatibilityController, HealthController];

/**
 * The registry's REST API as a NestJS module: routing and Confluent's HTTP conventions only;
 * every answer comes from the framework-free SchemaRegistry it is given.
 */
@Module({})
export class RegistryHttpModule implements NestModule {
  static forRegistry(registry: SchemaRegistry, options: RegistryHttpOptions): DynamicModule {
    return {
      module: RegistryHttpModule,
      controllers: CONTROLLERS,
      providers: [
        { provide: SCHEMA_REGISTRY, useValue: registry },
        { provide: HTTP_OPTIONS, useValue: options },
        { provide: APP_FILTER, useClass: ConfluentErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: ConfluentJsonInterceptor },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ConfluentRequestMiddleware).forRoutes(...CONTROLLERS);
  }
}
