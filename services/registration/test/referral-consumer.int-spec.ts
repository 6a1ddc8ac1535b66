import { randomUUID } from 'node:crypto';
import { CE_HEADERS, EVENTS, TOPICS, type ReferralCompletedV1 } from '@siaga/contracts';
import { MessagingLifecycle } from '@siaga/messaging';
import { KafkaProbe, eventually, isolateTestFile, startService, tokenFor, type ServiceUnderTest } from '@siaga/testing';
import { AppModule } from '@registration/app.module';
import { SEMPU_VILLAGE, healthCenterId, registrationBody } from './fixtures';

describe('registration records where a completed referral brought her', () => {
  const { schema, topicPrefix } = isolateTestFile('registration');
  let sut: ServiceUnderTest;
  let probe: KafkaProbe;
  let midwife: string;

  beforeAll(async () => {
    sut = await startService(AppModule, schema);
    await sut.app.get(MessagingLifecycle).consumersStarted;
    probe = new KafkaProbe();
    midwife = await tokenFor({ role: 'midwife', hc: healthCenterId, villages: [SEMPU_VILLAGE] });
  });

  afterAll(async () => {
    await probe.close();
    await sut.close();
  });

  it('shows the hospital and the arrival time on her record, once, even when the event comes twice', async () => {
    const pregnancyId: string = (await sut.request('POST', '/pregnancies', { token: midwife, body: registrationBody() })).body.id;
    const data: ReferralCompletedV1 = {
      referralId: randomUUID(),
      pregnancyId,
      alertId: null,
      hospitalId: randomUUID(),
      hospitalName: 'RSUD Contoh Banyuwangi',
      arrivedAt: '2026-11-27T21:40:00.000Z',
      arrivalReportedBy: 'escort',
    };
    const message = {
      key: pregnancyId,
      value: JSON.stringify(data),
      headers: {
        [CE_HEADERS.id]: randomUUID(),
        [CE_HEADERS.source]: 'siaga/referral',
        [CE_HEADERS.type]: EVENTS.referralCompleted.type,
        [CE_HEADERS.subject]: pregnancyId,
        [CE_HEADERS.time]: new Date().toISOString(),
        [CE_HEADERS.specversion]: '1.0',
        [CE_HEADERS.sequence]: '1',
        [CE_HEADERS.contentType]: 'application/json',
      },
    };
    await probe.send(`${topicPrefix}${TOPICS.referral}`, [message, message]);
    await eventually(async () => {
      const view = await sut.request('GET', `/pregnancies/${pregnancyId}`, { token: midwife });
      expect(view.body.referral).toEqual({
        referralId: data.referralId,
        hospitalId: data.hospitalId,
        hospitalName: 'RSUD Contoh Banyuwangi',
        arrivedAt: '2026-11-27T21:40:00.000Z',
      });
    });
  });
});
