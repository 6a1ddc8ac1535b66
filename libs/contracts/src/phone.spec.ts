import { containsNikLike, isIndonesianPhone } from './phone';

describe('Indonesian phone numbers', () => {
  it.each(['+6281234567890', '+62 812-3456-7890', '0812-3456-7890', '0333 424242', '+62 800-0000-0101', '08123456'])(
    'takes %s',
    (phone) => {
      expect(isIndonesianPhone(phone)).toBe(true);
    },
  );

  it.each([
    ['a NIK', '3510204705960001'],
    ['a NIK after +62', '+623510204705960001'],
    ['a NIK in groups', '3510 2047 0596 0001'],
    ['16 digits after a 0', '0812 3456 7890 1234'],
    ['a foreign number', '+1 202 555 0100'],
    ['62 without the +', '6281234567890'],
    ['too few digits', '0812345'],
    ['letters', '0812-CALL-ME'],
    ['two separators in a row', '0812--3456-7890'],
    ['a trailing separator', '0812-3456-7890-'],
    ['not a string', 81234567890],
  ])('refuses %s', (_, value) => {
    expect(isIndonesianPhone(value)).toBe(false);
  });

  it('takes only +62 and digits in international form (SMS and WhatsApp gateways)', () => {
    expect(isIndonesianPhone('+6281200000001', { international: true })).toBe(true);
    expect(isIndonesianPhone('081200000001', { international: true })).toBe(false);
    expect(isIndonesianPhone('+62 812-0000-0001', { international: true })).toBe(false);
  });
});

describe('text that looks like a NIK', () => {
  it.each([
    '3510204705960001',
    'NIK 3510204705960001, Dusun Krajan',
    '3510 2047 0596 0001',
    '3510.2047.0596.0001',
    '351020-470596-0001',
    '35102047059600011',
    '3510  2047 - 0596 0001',
  ])('is found in %s', (text) => expect(containsNikLike(text)).toBe(true));

  it.each([
    '+62 800-0000-0101',
    'Dusun Krajan RT 01 RW 02',
    '2026-06-01T01:00:00.000Z',
    '351020470596000',
    '35.10.20.2001',
    '0333 424242 / 0812 3456 7',
  ])('is not found in %s', (text) => expect(containsNikLike(text)).toBe(false));
});
