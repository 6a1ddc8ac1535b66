#!/usr/bin/env node
// Adds a person's account to Keycloak, with its one role and the scope it is limited to, in one place.
// The services read the scope from the token; the referral registry enrols an escort on its first call.
//
//   npm run -s user:add -- --role midwife --name "Bidan Sari" --health-center <uuid> --villages 35.10.20.2001,35.10.20.2002
//   npm run -s user:add -- --role doctor --name "dr. Hartono" --health-center <uuid>
//   npm run -s user:add -- --role hospital --name "Perawat Wulan" --facility <uuid>
//   npm run -s user:add -- --role escort --name "Bripka Agus" --responder-kind police-officer \
//        --organisation "Polsek Sempu" --phone "+62 812 0000 0001" --villages 35.10.20.2001 [--responder <uuid>]
//   npm run -s user:add -- --role district --name "Dinkes Rina"
//
// Keycloak: KEYCLOAK_URL with KEYCLOAK_ADMIN_CLIENT_ID/_SECRET (or _USERNAME/_PASSWORD), else the local one
// (npm start or npm run keycloak:start). The password is generated (printed once) unless --password is given;
// the realm's policy applies (12 characters at least, not the username). An escort without --responder gets a
// new responder id: the registry record follows on the person's first call (GET /responders/me).
import { randomUUID } from 'node:crypto';
import { ROLES, SCOPE_OF_ROLE, createAccount, randomPassword } from './admin.mjs';
import { useKeycloak } from './keycloak.mjs';
import { isMain } from '../lib/repo.mjs';

const USAGE = `usage: npm run -s user:add -- --role <${ROLES.join('|')}> --name <full name> [options]
  --username <name>        login name (default: from the name, e.g. bidan.sari)
  --health-center <uuid>   midwife, doctor: their puskesmas
  --villages <codes>       midwife: villages served; escort: villages covered (comma-separated)
  --facility <uuid>        hospital: their facility
  --responder <uuid>       escort: an existing responder record (default: a new id)
  --responder-kind <kind>  escort: police-unit, police-officer, volunteer or village-ambulance
  --organisation <text>    escort: e.g. Polsek Sempu
  --phone <number>         escort: e.g. +62 812 0000 0001
  --email <address>
  --password <text>        default: generated and printed
  --json                   print the account as JSON`;

const FLAGS = {
  '--role': 'role',
  '--name': 'name',
  '--username': 'username',
  '--health-center': 'hc',
  '--villages': 'villages',
  '--facility': 'facility',
  '--responder': 'responder',
  '--responder-kind': 'responderKind',
  '--organisation': 'organisation',
  '--phone': 'phone',
  '--email': 'email',
  '--password': 'password',
};
const OPTION_OF = Object.fromEntries(Object.entries(FLAGS).map(([flag, key]) => [key, flag]));

export function parseArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].includes('=') ? argv[i].split(/=(.*)/s) : [argv[i], undefined];
    if (flag === '--help' || flag === '-h') return { help: true };
    if (flag === '--json') {
      opts.json = true;
      continue;
    }
    const key = FLAGS[flag];
    if (!key) throw new Error(`unknown option ${argv[i]}\n${USAGE}`);
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value\n${USAGE}`);
    opts[key] = value;
  }
  return opts;
}

/** The account to create, checked: the role's scope is complete, so the person does not sign in to an empty screen. */
export function accountOf(opts) {
  if (!ROLES.includes(opts.role)) throw new Error(`--role must be one of ${ROLES.join(', ')}\n${USAGE}`);
  if (!opts.name?.trim()) throw new Error(`--name is required\n${USAGE}`);
  const villages = opts.villages
    ?.split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  const scope = {
    hc: opts.hc,
    villages,
    facility: opts.facility,
    responder: opts.role === 'escort' ? (opts.responder ?? randomUUID()) : opts.responder,
    responderKind: opts.responderKind,
    organisation: opts.organisation,
    phone: opts.phone,
  };
  const missing = SCOPE_OF_ROLE[opts.role].filter((key) => scope[key] === undefined || (Array.isArray(scope[key]) && !scope[key].length));
  if (opts.role === 'midwife' && !villages?.length) missing.push('villages');
  if (missing.length) {
    throw new Error(`a ${opts.role} needs ${[...new Set(missing)].map((key) => OPTION_OF[key]).join(', ')}\n${USAGE}`);
  }
  const username =
    opts.username ??
    opts.name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '.')
      .replace(/^\.+|\.+$/g, '');
  return { username, firstName: opts.name.trim(), email: opts.email, role: opts.role, scope };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) return console.log(USAGE);
  const account = accountOf(opts);
  const { admin, url } = await useKeycloak({ start: false, log: false });
  if (!admin)
    throw new Error('no admin credentials for KEYCLOAK_URL: set KEYCLOAK_ADMIN_CLIENT_ID/_SECRET or KEYCLOAK_ADMIN_USERNAME/_PASSWORD');
  const password = opts.password ?? randomPassword();
  const { id } = await createAccount(admin, { ...account, password });
  const result = {
    id,
    username: account.username,
    password: opts.password ? undefined : password,
    role: account.role,
    scope: account.scope,
  };
  if (opts.json) return console.log(JSON.stringify(result, null, 2));
  console.log(`created ${account.role} ${account.username} (id ${id}) in ${url}/realms/siaga`);
  for (const [key, value] of Object.entries(account.scope)) if (value !== undefined) console.log(`  ${key}: ${[value].flat().join(', ')}`);
  if (!opts.password) console.log(`  password: ${password}   (shown once)`);
}

if (isMain(import.meta.url)) {
  main().catch((e) => {
    console.error(e.body?.errorMessage ? `${e.message} (${e.body.errorMessage})` : e.message);
    process.exit(1);
  });
}
