import { accountOf, parseArgs } from '@scripts/keycloak/user-add.mjs';

describe('npm run user:add', () => {
  const add = (...argv: string[]) => accountOf(parseArgs(argv));

  it('makes a midwife with her puskesmas and villages, and a username from her name', () => {
    expect(
      add(
        '--role',
        'midwife',
        '--name',
        'Bidan Sari Wulandari',
        '--health-center',
        'de300000-0000-4000-8000-000000000001',
        '--villages',
        '35.10.20.2001, 35.10.20.2002',
      ),
    ).toEqual({
      username: 'bidan.sari.wulandari',
      firstName: 'Bidan Sari Wulandari',
      email: undefined,
      role: 'midwife',
      scope: expect.objectContaining({ hc: 'de300000-0000-4000-8000-000000000001', villages: ['35.10.20.2001', '35.10.20.2002'] }),
    });
  });

  it('gives a new escort a responder id of her own, the registry record to be', () => {
    const first = add('--role=escort', '--name=Bripka Agus', '--responder-kind=police-officer');
    const second = add('--role=escort', '--name=Bripka Agus', '--responder-kind=police-officer');

    expect(first.scope.responder).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.scope.responder).not.toBe(first.scope.responder);
  });

  it.each([
    [['--role', 'midwife', '--name', 'Bidan Ayu', '--health-center', 'de300000-0000-4000-8000-000000000001'], /--villages/],
    [['--role', 'doctor', '--name', 'dr. Hartono'], /--health-center/],
    [['--role', 'hospital', '--name', 'Perawat Wulan'], /--facility/],
    [['--role', 'escort', '--name', 'Pak Slamet'], /--responder-kind/],
    [['--role', 'superuser', '--name', 'Someone'], /--role must be one of/],
    [['--role', 'district'], /--name is required/],
  ])('refuses an account that would see nothing: %j', (argv, message) => {
    expect(() => add(...argv)).toThrow(message);
  });
});
