import { randomUUID } from 'node:crypto';
import { NOT_A_DATE_TIME, isolateTestFile, type ServiceUnderTest } from '@siaga/testing';
import { startReferral, tokens } from './fixtures';

describe('referral: dates at the HTTP edge (real PostgreSQL)', () => {
  const { schema } = isolateTestFile('referral');
  let sut: ServiceUnderTest;

  beforeAll(async () => {
    sut = await startReferral(schema);
  });

  afterAll(() => sut.close());

  const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

  it.each(NOT_A_DATE_TIME)('POST /referrals with a planned pickupAt %s is a 400 naming it', async (value) => {
    const response = await sut.request('POST', '/referrals', {
      token: await tokens.midwife(),
      body: { pregnancyId: randomUUID(), urgency: 'planned', reason: 'Breech at 36 weeks', transportNeeded: true, pickupAt: value },
    });
    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toEqual(['pickupAt']);
  });

  it.each(NOT_A_DATE_TIME)('POST /referrals/{id}/arrival with arrivedAt %s is a 400 naming it', async (value) => {
    const response = await sut.request('POST', `/referrals/${randomUUID()}/arrival`, {
      token: await tokens.hospital(randomUUID()),
      body: { arrivedAt: value },
    });
    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toEqual(['arrivedAt']);
  });

  it.each(NOT_A_DATE_TIME)('POST /escorts/{id}/status with at %s is a 400 naming it', async (value) => {
    const response = await sut.request('POST', `/escorts/${randomUUID()}/status`, {
      token: await tokens.escort(randomUUID()),
      body: { status: 'en-route', at: value },
    });
    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toEqual(['at']);
  });
});
