#!/usr/bin/env node
// Prints a bearer token for the local services.
//
// Services started by `npm start` (Keycloak, the default): signs in to Keycloak as the console does
// (authorization code + PKCE) and prints the access token (5 minutes):
//   npm run -s token -- --user demo.midwife          # a demo account: its password is in .data/demo-accounts.json
//   SIAGA_PASSWORD=... npm run -s token -- --user bidan.sari
//
// Services started with SIAGA_AUTH=dev-secret npm start: mints an HS256 token with the development secret
// (refused while the services trust Keycloak: they would reject it):
//   npm run -s token -- --role midwife --health-center <uuid> --villages 35.10.20.2001,35.10.20.2002
//   npm run -s token -- --role doctor --health-center <uuid> [--sub <uuid>] [--name "dr. X"] [--ttl 8h]
//   npm run -s token -- --role hospital --facility <uuid>
//   npm run -s token -- --role escort --responder <uuid>
//   npm run -s token -- --demo midwife        # the demo identity npm start prints
//
// Signed with JWT_SECRET from the environment, else with the dev secret npm start created
// (.data/dev-jwt-secret). Issuer and audience: JWT_ISSUER / JWT_AUDIENCE, default
// siaga-local / siaga (the services' defaults). Without --sub a random UUID is the user id.
// (-s keeps npm's "> siaga token" banner out of stdout, so TOKEN=$(npm run -s token -- ...) works.)
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { signIn } from './keycloak/admin.mjs';
import { storedPassword } from './keycloak/demo-accounts.mjs';
import { DEMO_USERS } from './lib/demo.mjs';
import { AUTH_FILE, DEFAULT_AUDIENCE, DEFAULT_ISSUER, ROLES, mintToken, resolveJwtSecret } from './lib/tokens.mjs';

const USAGE = `usage: npm run -s token -- --user <username>        (services trusting Keycloak; SIAGA_PASSWORD or a demo account)
       npm run -s token -- --role <${ROLES.join('|')}> [options]   (services started with SIAGA_AUTH=dev-secret)
  --health-center <uuid>   hc claim (midwife, doctor)
  --villages <codes>       comma-separated village codes, e.g. 35.10.20.2001,35.10.20.2002 (midwife)
  --facility <uuid>        facility claim (hospital)
  --responder <uuid>       responder claim (escort)
  --sub <uuid>             user id (default: a random UUID)
  --name <text>            display name
  --ttl <span>             lifetime, e.g. 30m, 8h, 2d (default 8h)
  --demo <role>            the demo identity of npm start for that role (other options override it)
  --json                   print {token, claims} as JSON instead of the bare token`;

const FLAGS = {
  '--role': 'role',
  '--health-center': 'hc',
  '--hc': 'hc',
  '--villages': 'villages',
  '--facility': 'facility',
  '--responder': 'responder',
  '--sub': 'sub',
  '--name': 'name',
  '--ttl': 'ttl',
  '--demo': 'demo',
  '--user': 'user',
};

function parseArgs(argv) {
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

/** Scope claims each role is limited by; a token without them sees nothing. */
const EXPECTED = { midwife: ['hc', 'villages'], doctor: ['hc'], hospital: ['facility'], escort: ['responder'] };
const OPTION_OF = { hc: '--health-center', villages: '--villages', facility: '--facility', responder: '--responder' };

/** How the services of the last npm start verify tokens (dev-secret before Keycloak existed). */
function authMode() {
  try {
    return JSON.parse(fs.readFileSync(AUTH_FILE, 'utf8'));
  } catch {
    return { mode: 'dev-secret' };
  }
}

async function keycloakToken(opts, auth) {
  const url = (process.env.KEYCLOAK_URL ?? auth.keycloakUrl ?? 'http://127.0.0.1:8180').replace(/\/$/, '');
  const password = process.env.SIAGA_PASSWORD ?? storedPassword(opts.user, { url });
  if (!password) throw new Error(`no password for ${opts.user}: set SIAGA_PASSWORD (demo accounts are in .data/demo-accounts.json)`);
  const tokens = await signIn({ url, username: opts.user, password });
  console.log(opts.json ? JSON.stringify(tokens, null, 2) : tokens.access_token);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) {
    console.log(USAGE);
    return;
  }
  const auth = authMode();
  if (opts.user) return keycloakToken(opts, auth);
  if (auth.mode !== 'dev-secret') {
    throw new Error(
      'the services of npm start trust an identity provider, which would refuse a token minted here: use --user <username> ' +
        '(the accounts npm start printed), or start them with SIAGA_AUTH=dev-secret npm start',
    );
  }
  let claims = {};
  if (opts.demo) {
    const demo = DEMO_USERS.find((u) => u.key === opts.demo);
    if (!demo) throw new Error(`--demo takes one of ${DEMO_USERS.map((u) => u.key).join(', ')}`);
    claims = { ...demo.claims };
  }
  for (const key of ['role', 'hc', 'facility', 'responder', 'sub', 'name']) if (opts[key] !== undefined) claims[key] = opts[key];
  if (opts.villages !== undefined)
    claims.villages = opts.villages
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
  if (!claims.role) throw new Error(`--role is required\n${USAGE}`);
  claims.sub ??= randomUUID();
  const { secret } = resolveJwtSecret();
  for (const key of EXPECTED[claims.role] ?? []) {
    if (claims[key] === undefined) console.error(`warning: a ${claims.role} token without ${OPTION_OF[key]} gives access to nothing`);
  }
  const issuer = process.env.JWT_ISSUER ?? DEFAULT_ISSUER;
  const audience = process.env.JWT_AUDIENCE ?? DEFAULT_AUDIENCE;
  const token = await mintToken(claims, { secret, issuer, audience, ttl: opts.ttl ?? '8h' });
  console.log(opts.json ? JSON.stringify({ token, claims: { ...claims, iss: issuer, aud: audience } }, null, 2) : token);
}

main().catch((e) => {
  console.error(`token: ${e.message}`);
  process.exit(1);
});
