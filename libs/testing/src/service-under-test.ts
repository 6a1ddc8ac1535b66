import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp } from '@siaga/http';
import { databaseConfigFromEnv, ensureDatabaseAndSchema } from '@siaga/persistence';

export interface ServiceUnderTest {
  app: NestFastifyApplication;
  baseUrl: string;
  request(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<TestResponse>;
  close(): Promise<void>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions read whatever the API returned
  body: any;
}

/** Boots a service module the way main.ts does, on a free port, against the run's real PostgreSQL and Kafka. */
export async function startService(module: Type, schema: string): Promise<ServiceUnderTest> {
  const db = databaseConfigFromEnv(schema);
  await ensureDatabaseAndSchema(db.url, db.schema);
  const app = await createServiceApp(module, { title: 'test', description: 'test' });
  await app.listen(0, '127.0.0.1');
  const baseUrl = await app.getUrl();
  return {
    app,
    baseUrl,
    async request(method, path, options = {}) {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
        body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
      });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, headers: response.headers, body };
    },
    close: () => app.close(),
  };
}
