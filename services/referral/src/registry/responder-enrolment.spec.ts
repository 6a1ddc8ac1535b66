import type { Principal } from '@siaga/auth';
import { enrolmentOf } from './responder-enrolment';

describe(enrolmentOf.name, () => {
  const volunteer: Principal = {
    userId: '6b0e1c52-9a57-4c43-9f43-0f5a2c1d8e01',
    role: 'escort',
    name: 'Pak Slamet',
    villageCodes: ['35.10.20.2001', '35.10.20.2002', '35.10.20.2001'],
    responderId: '0b7c2b1e-55a4-4d8e-8c3e-2f7d1a9b6c01',
    responderKind: 'volunteer',
    organisation: 'Laskar SAKINA',
    phone: '+62 812-3456-7890',
  };

  it('makes the registry record of a new escort account from its token, off duty and without a position', () => {
    expect(enrolmentOf(volunteer)).toEqual({
      id: volunteer.responderId,
      kind: 'volunteer',
      name: 'Pak Slamet',
      organisation: 'Laskar SAKINA',
      phone: '+62 812-3456-7890',
      villageCodes: ['35.10.20.2001', '35.10.20.2002'],
      latitude: null,
      longitude: null,
      onDuty: false,
      active: true,
    });
  });

  it('leaves out what the registry would refuse', () => {
    const sloppy = { ...volunteer, phone: 'call me', villageCodes: ['Sempu', '35.10.20.2001'], organisation: '  ' };

    expect(enrolmentOf(sloppy)).toMatchObject({ phone: null, villageCodes: ['35.10.20.2001'], organisation: null });
  });

  it.each([
    ['an account of another role', { role: 'midwife' as const }],
    ['an account naming no responder', { responderId: undefined }],
    ['an account naming no kind', { responderKind: undefined }],
    ['a kind the registry does not know', { responderKind: 'ojek' }],
  ])('enrols nobody for %s', (_, change) => {
    expect(enrolmentOf({ ...volunteer, ...change })).toBeNull();
  });
});
