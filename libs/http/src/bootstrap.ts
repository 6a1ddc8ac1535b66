import { randomUUID } from 'node:crypto';
import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { cacheValidationMetadata } from '@siaga/contracts';
import { LOGGER, type Logger } from '@siaga/observability';
import { Histogram, collectDefaultMetrics } from 'prom-client';
import { depthLimitedJsonParser } from './edge/json-depth';
import { refuseUnsafeText } from './edge/text-safety';
import { clientErrorAsProblem, routerErrorAsProblem } from './edge/transport-errors';
import { NestPinoLogger } from './nest-logger';
import { createValidationPipe } from './problem/validation';

export interface ServiceAppOptions {
  title: string;
  description: string;
}

const UUID_LIKE = /^[A-Za-z0-9._:-]{1,128}$/;
const BODY_LIMIT = 1024 * 1024;

let defaultMetricsCollected = false;
const httpDuration = new Histogram({
  name: 'siaga_http_request_duration_seconds',
  help: 'HTTP request duration by route and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
});

/** A service's Nest application on Fastify, configured the same way for every service (and every test). */
export async function createServiceApp(module: Type, options: ServiceAppOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && UUID_LIKE.test(given) ? given : randomUUID();
    },
    bodyLimit: BODY_LIMIT,
    // Refusals made before a route runs (an over-long path parameter, oversized headers) are problem documents too.
    frameworkErrors: routerErrorAsProblem,
    clientErrorHandler: clientErrorAsProblem,
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { bufferLogs: true });
  const logger = app.get<Logger>(LOGGER);
  app.useLogger(new NestPinoLogger(logger.child({ component: 'nest' })));
  cacheValidationMetadata();
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  if (!defaultMetricsCollected) {
    collectDefaultMetrics();
    defaultMetricsCollected = true;
  }

  const fastify = app.getHttpAdapter().getInstance();
  app.useBodyParser('application/json', { bodyLimit: BODY_LIMIT }, depthLimitedJsonParser(fastify));
  // After parsing, before guards, interceptors and pipes: no handler ever sees a string PostgreSQL cannot store.
  fastify.addHook('preValidation', refuseUnsafeText);
  // Errors raised by Fastify itself (malformed JSON, wrong content type) reach ProblemDetailsFilter too:
  // Nest 12 installs its exception layer as Fastify's error handler.
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, seconds);
    logger.debug(
      { requestId: request.id, method: request.method, route, status: reply.statusCode, ms: reply.elapsedTime },
      'request completed',
    );
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(options.title).setDescription(options.description).addBearerAuth().build(),
  );
  // SWAGGER_UI=false keeps /docs/openapi.json but skips the UI's static assets (Jest on Node 20 cannot load them).
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs/openapi.json',
    ui: process.env.SWAGGER_UI !== 'false',
  });
  return app;
}

/** Starts listening; logs where. */
export async function listen(app: INestApplication, port: number, host = process.env.HOST ?? '127.0.0.1'): Promise<void> {
  await app.listen(port, host);
  app.get<Logger>(LOGGER).info({ url: `http://${host}:${port}`, docs: `http://${host}:${port}/docs` }, 'service listening');
}
