import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { Body, Controller, Get, Module, Param, Post, Query } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IsLatitudeNumber, IsNestedArray, IsNestedObject } from '@siaga/contracts';
import { HttpModule, MAX_JSON_DEPTH, PROBLEM_CONTENT_TYPE, PageCursor, ReplayToRouteRoles, cursorPart } from '@siaga/http';
import { ObservabilityModule } from '@siaga/observability';
import { PersistenceModule, databaseConfigFromEnv, dataSourceOptions } from '@siaga/persistence';
import { isolateTestFile, startService, type ServiceUnderTest, type TestResponse } from '@siaga/testing';
import { IsOptional, IsString, Length } from 'class-validator';

class PlaceBody {
  @IsString() @Length(1, 100) street!: string;
  @IsOptional() @IsLatitudeNumber() latitude?: number;
}

class PersonBody {
  @IsString() @Length(1, 100) name!: string;
  @IsNestedObject(() => PlaceBody) home!: PlaceBody;
  @IsOptional() @IsNestedObject(() => PlaceBody) work?: PlaceBody;
  @IsOptional() @IsNestedArray(() => PlaceBody) previous?: PlaceBody[];
}

class PageQuery {
  @IsOptional() @IsString() cursor?: string;
}

const CURSOR = new PageCursor<[rank: number, id: string]>('things', [cursorPart.integer(0, 3), cursorPart.uuid]);

/** Stands in for any service's controllers: what it answers is whatever passed the edge. */
@Controller('things')
class ThingController {
  @Post()
  @ReplayToRouteRoles() // a probe: its answer echoes what the caller sent
  create(@Body() body: PersonBody) {
    return { name: body.name, homeIsObject: typeof body.home === 'object' && !Array.isArray(body.home) };
  }

  @Get()
  list(@Query() query: PageQuery) {
    return { after: query.cursor ? CURSOR.decode(query.cursor) : null, nextCursor: CURSOR.encode([2, randomUUID()]) };
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return { id };
  }
}

@Module({
  imports: [
    ObservabilityModule.forRoot('http-edge-test'),
    TypeOrmModule.forRootAsync({ useFactory: () => dataSourceOptions(databaseConfigFromEnv('http'), { entities: [], migrations: [] }) }),
    PersistenceModule,
    HttpModule.forService({ useFactory: () => [] }),
  ],
  controllers: [ThingController],
})
class EdgeTestModule {}

const person = (overrides: Record<string, unknown> = {}) => ({ name: 'Siti', home: { street: 'Dusun Krajan' }, ...overrides });

/** The answer every refusal at the edge must be: a 4xx problem document naming the field. */
function expectProblemNaming(response: TestResponse, field: string, status = 400): void {
  expect({ status: response.status, contentType: response.headers.get('content-type') }).toEqual({
    status,
    contentType: expect.stringContaining(PROBLEM_CONTENT_TYPE),
  });
  expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
}

/**
 * Issue 13: what an outside probe sent to every service and got a 500 for, checked once at the edge every service
 * shares (createServiceApp, the validation rules of @siaga/contracts, the page cursor).
 */
describe('HTTP edge: no input reaches a handler it would break', () => {
  isolateTestFile('http');
  let sut: ServiceUnderTest;

  beforeAll(async () => {
    sut = await startService(EdgeTestModule, process.env.DATABASE_SCHEMA!);
  });

  afterAll(() => sut.close());

  const post = (body: unknown) => sut.request('POST', '/things', { body });

  describe('JSON depth', () => {
    it('refuses a body nested 10,000 levels deep, naming where it got too deep', async () => {
      const deep = `{"name":"Siti","home":{"street":"x"},"extra":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
      const response = await post(deep);
      expectProblemNaming(response, `extra${'.0'.repeat(MAX_JSON_DEPTH - 1)}`);
    });

    it('takes a body exactly as deep as allowed (and refuses it only for the unknown field)', async () => {
      const allowed = `{"name":"Siti","home":{"street":"x"},"extra":${'['.repeat(MAX_JSON_DEPTH - 1)}${']'.repeat(MAX_JSON_DEPTH - 1)}}`;
      const response = await post(allowed);
      expectProblemNaming(response, 'extra');
      expect(response.body.detail).toContain('should not exist');
    });

    it('is not fooled by brackets inside strings or escaped quotes', async () => {
      const response = await post({ name: `${'['.repeat(40)} \\" ${'{'.repeat(40)}`, home: { street: 'x' } });
      expect(response.status).toBe(201);
    });
  });

  describe('text PostgreSQL cannot store as sent', () => {
    it.each([
      ['a NUL in a nested string of the body', person({ home: { street: 'Dusun\u0000Krajan' } }), 'home.street'],
      ['a NUL in a key', person({ home: { street: 'x', 'a\u0000b': 1 } }), 'home."a\\u0000b"'],
      ['a NUL in an array element', person({ previous: [{ street: 'x' }, { street: '\u0000' }] }), 'previous.1.street'],
    ])('refuses %s, naming its path', async (_, body, field) => {
      expectProblemNaming(await post(body), field);
    });

    it('refuses a lone surrogate (\\ud800) sent as a JSON escape, naming its path', async () => {
      expectProblemNaming(await post(JSON.stringify(person({ name: 'SURROGATE' })).replace('SURROGATE', '\\ud800')), 'name');
    });

    it('takes a well-formed surrogate pair (an emoji) and other Unicode', async () => {
      expect((await post(person({ name: 'Siti 👶🏽 Ñ ã' }))).status).toBe(201);
    });

    it('refuses a NUL in a query parameter and in a path parameter, naming the parameter', async () => {
      expectProblemNaming(await sut.request('GET', '/things?cursor=a%00b'), 'cursor');
      expectProblemNaming(await sut.request('GET', '/things/a%00b'), 'id');
    });
  });

  describe('nested objects', () => {
    it.each([
      ['missing', person({ home: undefined }), 'home'],
      ['an array', person({ home: [] }), 'home'],
      ['an array of objects', person({ home: [{ street: 'x' }] }), 'home'],
      ['a string', person({ home: 'Dusun Krajan' }), 'home'],
      ['null', person({ home: null }), 'home'],
      ['an optional one sent as an array', person({ work: [] }), 'work'],
      ['a list sent as an object', person({ previous: { street: 'x' } }), 'previous'],
      ['a list holding an array', person({ previous: [[]] }), 'previous'],
    ])('refuses a nested object that is %s, naming it', async (_, body, field) => {
      expectProblemNaming(await post(body), field);
    });

    it('takes the optional ones left out', async () => {
      expect((await post(person())).body).toEqual({ name: 'Siti', homeIsObject: true });
    });
  });

  it('refuses a coordinate sent as a string, naming it', async () => {
    expectProblemNaming(await post(person({ home: { street: 'x', latitude: '-8.32' } })), 'home.latitude');
    expect((await post(person({ home: { street: 'x', latitude: -8.32 } }))).status).toBe(201);
  });

  describe('page cursors', () => {
    const edited = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

    it('continues from a cursor it issued', async () => {
      const { body } = await sut.request('GET', '/things');
      const next = await sut.request('GET', `/things?cursor=${body.nextCursor}`);
      expect(next.status).toBe(200);
      expect(next.body.after[0]).toBe(2);
    });

    it.each([
      ['not base64 JSON', 'nonsense'],
      ['not an array', edited({ rank: 1 })],
      ['another listing', edited(['alerts', 1, randomUUID()])],
      ['a rank of the wrong type', edited(['things', '1', randomUUID()])],
      ['a rank out of range', edited(['things', 99_999, randomUUID()])],
      ['a fractional rank', edited(['things', 1.5, randomUUID()])],
      ['an id that is no uuid', edited(['things', 1, "x' OR 1=1"])],
      ['an element too many', edited(['things', 1, randomUUID(), 'more'])],
      ['an element too few', edited(['things', 1])],
    ])('refuses an edited cursor (%s), naming cursor', async (_, cursor) => {
      expectProblemNaming(await sut.request('GET', `/things?cursor=${cursor}`), 'cursor');
    });
  });

  describe('refusals before any route runs', () => {
    it('answers an over-long path parameter (414) with a problem document', async () => {
      const response = await sut.request('GET', `/things/${'a'.repeat(300)}`);
      expect(response.status).toBe(414);
      expect(response.headers.get('content-type')).toContain(PROBLEM_CONTENT_TYPE);
      expect(response.body).toMatchObject({ status: 414, type: expect.stringContaining('uri-too-long') });
    });

    it('answers a malformed percent-encoding in the path with a problem document', async () => {
      const response = await sut.request('GET', '/things/%ED%A0%80');
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain(PROBLEM_CONTENT_TYPE);
    });

    it('answers oversized headers (431) with a problem document', async () => {
      const url = new URL('/things', sut.baseUrl);
      const answer = await new Promise<{ status: number; contentType: string; body: string }>((resolve, reject) => {
        const req = httpRequest(url, { headers: { 'x-padding': 'a'.repeat(20_000) } }, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'] ?? '', body }));
        });
        req.on('error', reject);
        req.end();
      });
      expect(answer.status).toBe(431);
      expect(answer.contentType).toBe(PROBLEM_CONTENT_TYPE);
      expect(JSON.parse(answer.body)).toMatchObject({ status: 431, title: 'Request header fields too large' });
    });
  });
});
